// The website has its own GoTo sign-in (same relative path as the billing one).
const AUTHORIZE_URL =
  "https://authentication.logmeininc.com/oauth/authorize?client_id=website&response_type=code";

function signInUrl(state) {
  return `${AUTHORIZE_URL}&state=${encodeURIComponent(state)}`;
}

module.exports = { signInUrl };
