// Exchanges the authorization code for a GoTo access token.
const TOKEN_URL = "https://api.getgo.com/oauth/v2/token";

async function exchangeCode(code, clientId, clientSecret) {
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
  const response = await fetch(TOKEN_URL, {
    method: "POST",
    headers: {
      Authorization: `Basic ${basic}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "authorization_code", code }),
  });
  const token = await response.json();
  return { accessToken: token.access_token, organizerKey: token.organizer_key };
}

module.exports = { exchangeCode };
