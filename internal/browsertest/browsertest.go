// Package browsertest drives Debian's Chromium (headless, through chromedp)
// for the browser tests and checks pages with axe-core for WCAG 2.1 A and AA
// violations. Tests that use it are skipped, with a message saying so, on a
// machine without Chromium; .ci/run installs it.
package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axe is axe-core 4.14.1 (MPL-2.0) from npm, vendored so the tests need no
// network.
//
//go:embed axe.min.js
var axe string

// Browser is one headless Chromium for a test.
type Browser struct {
	ctx context.Context
}

// New starts Chromium, or skips the test when it is not installed.
func New(t testing.TB) *Browser {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("browser test skipped: Debian chromium is not installed (apt-get install chromium; .ci/run does it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return &Browser{ctx: ctx}
}

// Tab opens a new tab (cookies are shared with the browser's other tabs).
// The tab is opened here, without a time limit, because the context of the
// first action on a tab owns the tab's life.
func (b *Browser) Tab(t testing.TB) context.Context {
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	return ctx
}

// Run runs actions in ctx with a time limit, failing the test on error.
func Run(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Violation is one axe rule that failed on a page.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var targets []string
	for i, n := range v.Nodes {
		if i == 3 {
			targets = append(targets, fmt.Sprintf("… %d more", len(v.Nodes)-3))
			break
		}
		targets = append(targets, fmt.Sprintf("%v %s", n.Target, n.HTML))
	}
	return fmt.Sprintf("%s (%s): %s\n      %s", v.ID, v.Impact, v.Help, strings.Join(targets, "\n      "))
}

// Axe runs axe-core on the page in ctx for WCAG 2.0/2.1 A and AA rules.
func Axe(ctx context.Context) ([]Violation, error) {
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	loaded, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		// Evaluated through DevTools, so the page's CSP does not block it.
		if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
			return nil, fmt.Errorf("inject axe: %w", err)
		}
	}
	raw, err := chromedp.Run(tctx, chromedp.Evaluate[string](
		`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
		 .then(r => JSON.stringify(r.violations))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe: %w", err)
	}
	var vs []Violation
	err = json.Unmarshal([]byte(raw), &vs)
	return vs, err
}

// CheckAxe fails the test for every WCAG A/AA violation on the page.
func CheckAxe(t testing.TB, ctx context.Context, page string) {
	t.Helper()
	vs, err := Axe(ctx)
	if err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range vs {
		t.Errorf("axe on %s: %s", page, v)
	}
}
