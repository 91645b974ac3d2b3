"""Settings of the webinar sync job."""
GOTO_OAUTH_BASE = "https://api.getgo.com/oauth/v2"
GOTO_API_BASE = "https://api.getgo.com/G2W/rest/v2"
