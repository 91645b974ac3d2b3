"""GoTo Webinar tokens for the sync job."""
import requests

from settings import GOTO_OAUTH_BASE


def token_from_code(code, client_id, client_secret):
    response = requests.post(
        GOTO_OAUTH_BASE + "/token",
        data={"grant_type": "authorization_code", "code": code},
        auth=(client_id, client_secret),
    )
    return response.json()


def refresh(stored, client_id, client_secret):
    response = requests.post(
        GOTO_OAUTH_BASE + "/token",
        data={"grant_type": "refresh_token", "refresh_token": stored["refresh_token"]},
        auth=(client_id, client_secret),
    )
    body = response.json()
    stored["access_token"] = body["access_token"]
    stored["refresh_token"] = body["refresh_token"]
    return body["account_key"]
