// GoTo Meeting sign-in for the CRM: code exchange and token refresh.
const axios = require("axios");

const GOTO_AUTH = "https://api.getgo.com/oauth/v2";

async function exchangeCode(code, basic) {
  const { data } = await axios.post(
    `${GOTO_AUTH}/token`,
    new URLSearchParams({ grant_type: "authorization_code", code }),
    { headers: { Authorization: `Basic ${basic}` } }
  );
  return data;
}

async function refresh(store, basic) {
  const { data } = await axios.post(
    `${GOTO_AUTH}/token`,
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: store.refreshToken }),
    { headers: { Authorization: `Basic ${basic}` } }
  );
  store.accessToken = data.access_token;
  store.refreshToken = data.refresh_token;
  return data.email;
}

module.exports = { exchangeCode, refresh };
