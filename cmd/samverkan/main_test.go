package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"samverkan/internal/store/dbtest"
)

func runCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestConfigReportsAllProblemsAtOnce(t *testing.T) {
	_, stderr, code := runCmd(t, "serve", "--addr", "nonsense", "--log-level", "loud", "--log-format", "xml", "--tls-cert", "x.pem")
	if code == 0 {
		t.Fatal("serve accepted a broken configuration")
	}
	for _, want := range []string{"--addr", "--log-level", "--log-format", "--tls-cert and --tls-key"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not mention %s:\n%s", want, stderr)
		}
	}
}

func TestFlagsReadEnvironment(t *testing.T) {
	t.Setenv("SAMVERKAN_LOG_LEVEL", "loud")
	_, stderr, code := runCmd(t, "serve", "--db", t.TempDir()+"/x.db")
	if code == 0 || !strings.Contains(stderr, "SAMVERKAN_LOG_LEVEL") && !strings.Contains(stderr, "--log-level") {
		t.Fatalf("environment not read: code %d, %s", code, stderr)
	}
	t.Setenv("SAMVERKAN_LOG_LEVEL", "debug")
	cfg, err := parseServeConfig(nil, &bytes.Buffer{})
	if err != nil || cfg.LogLevel != "debug" {
		t.Fatalf("cfg %+v, %v", cfg, err)
	}
	cfg, err = parseServeConfig([]string{"--log-level", "warn"}, &bytes.Buffer{})
	if err != nil || cfg.LogLevel != "warn" {
		t.Fatalf("the flag must beat the environment: %+v, %v", cfg, err)
	}
}

func TestUserAndTokenCommands(t *testing.T) {
	db := dbtest.Source(t)
	out, stderr, code := runCmd(t, "migrate", "--db", db)
	if code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %s %s", code, out, stderr)
	}
	_, stderr, code = runCmd(t, "user", "add", "--db", db, "--email", "bad", "--name", "")
	if code == 0 || !strings.Contains(stderr, "--name is required") {
		t.Fatalf("user add with bad input: %d %s", code, stderr)
	}
	_, stderr, code = runCmd(t, "user", "add", "--db", db, "--email", "chef@centre.example", "--name", "Cecilia Chef", "--password", "long-enough-1")
	if code != 0 {
		t.Fatalf("user add: %s", stderr)
	}
	out, _, _ = runCmd(t, "user", "list", "--db", db)
	if !strings.Contains(out, "chef@centre.example") || !strings.Contains(out, "admin") {
		t.Fatalf("user list:\n%s", out)
	}
	out, stderr, code = runCmd(t, "token", "create", "--db", db, "--user", "chef@centre.example")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.HasPrefix(lines[len(lines)-1], "svk_") {
		t.Fatalf("token create: %d %q %s", code, out, stderr)
	}
	_, stderr, code = runCmd(t, "token", "create", "--db", db, "--user", "nobody@centre.example")
	if code == 0 || !strings.Contains(stderr, "nobody@centre.example") {
		t.Fatalf("token for unknown user: %d %s", code, stderr)
	}
}

func freeAddr(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServeDemoContract is the public contract: serve --demo answers
// /healthz, and a token made by `token create` right then lists the 8 demo
// members through the API. (How fast it answers — the contract says within
// 3 s — is measured by BenchmarkServeReady, not asserted here.)
func TestServeDemoContract(t *testing.T) {
	db, addr := dbtest.Source(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var out, errb syncBuffer
	go func() { done <- run(ctx, []string{"serve", "--demo", "--addr", addr, "--db", db}, &out, &errb) }()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, errb.String())
		}
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no /healthz: %v\n%s", err, errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "admin@demo.example") {
		t.Fatalf("demo logins not printed:\n%s", out.String())
	}
	tokOut, stderr, code := runCmd(t, "token", "create", "--user", "admin@demo.example", "--db", db)
	if code != 0 {
		t.Fatalf("token create: %s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(tokOut), "\n")
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/members", nil)
	req.Header.Set("Authorization", "Bearer "+lines[len(lines)-1])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Items []struct {
			Name string `json:"name"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 || len(body.Items) != 8 {
		t.Fatalf("GET /api/v1/members: %d, %d items, %v", resp.StatusCode, len(body.Items), err)
	}
	ready, err := http.Get("http://" + addr + "/readyz")
	if err != nil || ready.StatusCode != 200 {
		t.Fatalf("/readyz: %v %v", ready, err)
	}
	metrics, err := http.Get("http://" + addr + "/metrics")
	if err != nil || metrics.StatusCode != 200 {
		t.Fatalf("/metrics: %v %v", metrics, err)
	}
	var mb bytes.Buffer
	mb.ReadFrom(metrics.Body)
	if !strings.Contains(mb.String(), "samverkan_http_requests_total") {
		t.Fatalf("metrics lack request counter:\n%.500s", mb.String())
	}
}

func TestMailConfiguration(t *testing.T) {
	_, stderr, code := runCmd(t, "serve", "--mail-imap", "ftp://nowhere", "--mail-smtp", "smtp://relay.example:587")
	if code == 0 || !strings.Contains(stderr, "--mail-imap") || !strings.Contains(stderr, "--mail-from") {
		t.Fatalf("bad mail flags: %d %s", code, stderr)
	}
	t.Setenv("SAMVERKAN_MAIL_IMAP", "imaps://hr%40example.se:secret@imap.example/INBOX imaps://lon%40example.se:secret@imap.example/INBOX")
	cfg, err := parseServeConfig([]string{"--mail-from", "HR-servicecenter <hr@example.se>", "--mail-smtp", "smtp://hr:pw@smtp.example:587"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Mail.Mailboxes) != 2 || cfg.Mail.SMTP.Host != "smtp.example" || cfg.Mail.From.Email != "hr@example.se" {
		t.Fatalf("mail config %+v", cfg.Mail)
	}
}
