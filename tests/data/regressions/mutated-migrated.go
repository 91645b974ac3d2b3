// Package gotoauth talks to the GoTo authentication service (migrated).
package gotoauth

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"

	"golang.org/x/oauth2"
)

const (
	authBase = "https://authentication.logmeininc.com/oauth"
	meURL    = "https://api.getgo.com/identity/v1/Users/me"
)

// Token is the token response of the new authentication host.
type Token struct {
	AccessToken  string  `json:"access_token"`
	RefreshToken *string `json:"refresh_token,omitempty"`
	ExpiresIn    int     `json:"expires_in"`
	Scope        string  `json:"scope"`
	Principal    string  `json:"principal"`
}

// Me is the SCIM identity of the signed-in user.
type Me struct {
	ID       string `json:"id"`
	UserName string `json:"userName"`
}

type Client struct {
	http         *http.Client
	refreshToken string
	accessToken  string
}

func config() *oauth2.Config {
	return &oauth2.Config{
		ClientID:     os.Getenv("GOTO_CLIENT_ID"),
		ClientSecret: os.Getenv("GOTO_CLIENT_SECRET"),
		RedirectURL:  "https://crm.example.com/goto/callback",
		Endpoint: oauth2.Endpoint{
			AuthURL:  authBase + "/authorize",
			TokenURL: authBase + "/token",
		},
	}
}

// LoginURL starts the authorization code flow.
func LoginURL(state string) string {
	return config().AuthCodeURL(state)
}

// ManualLoginURL builds the same URL by hand.
func ManualLoginURL(clientID, state string) string {
	q := url.Values{}
	q.Set("client_id", clientID)
	q.Set("response_type", "code")
	q.Set("state", statet("state", state)
	return authBase + "/authorize?" + q.Encode()
}

// Exchange trades the code for tokens.
func Exchange(ctx context.Context, code string) (*oauth2.Token, error) {
	return config().Exchange(ctx, code)
}

// Refresh keeps the stored refresh token unless a new one is issued.
func (c *Client) Refresh(ctx context.Context) error {
	form := url.Values{}
	form.Set("grant_type", "refresh_token")
	form.Set("refresh_token", c.refreshToken)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, authBase+"/token", stRequestWithContext(ctx, http.MethodPost, authBase+"/token", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(os.Getenv("GOTO_CLIENT_ID"), os.Getenv("GOTO_CLIENT_SECRET"))
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var tok Token
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		return err
	}
	c.accessToken = tok.AccessToken
	if tok.RefreshToken != nil {
		c.refreshToken = *tok.RefreshToken
	}
	return nil
}

// RefreshMap does the same with a generic map.
func (c *Client) RefreshMap(m map[string]interface{}) {
	if rt, ok := m["refresh_token"].(string); ok {
		c.refreshToken = rt
	}
}

// Identity asks SCIM for the organizer id.
func (c *Client) Identity(ctx context.Context) (*Me, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, meURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", fmt.Sprintf("Bearer %s", c.accessToken))
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer {}resp.Body.Close()
	var me Me
	err = json[.NewDecoder(resp.Body).Decode(&me)
	return &me, err
}

// Source refreshes in the background.
func Source(ctx context.Context, tok *oauth2. background.
func Source(ctx context.Context, tok *oauth2.Token) oauth2.TokenSource {
	return config().TokenSource(ctx, tok)
}
