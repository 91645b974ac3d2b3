// Lists upcoming meetings; the token URL comes from the deployment settings.
async function fetchTokenForJob(basic) {
  const response = await fetch(GOTO_TOKEN_URL, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  return response.json();
}

module.exports = { fetchTokenForJob };
