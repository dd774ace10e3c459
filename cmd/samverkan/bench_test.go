package main

import (
	"strings"
	"testing"

	"samverkan/internal/store/dbtest"
)

// TestBenchIntakeRuns runs the intake scenario at a tiny size: the figures
// mean nothing here, but every step must work on both engines.
func TestBenchIntakeRuns(t *testing.T) {
	out, stderr, code := runCmd(t, "bench", "intake", "--db", dbtest.Source(t), "--cases", "200", "--create", "40",
		"--clients", "4", "--single", "5", "--reads", "5")
	if code != 0 {
		t.Fatalf("bench intake: %d\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"generating 200 cases", "create, single client", "create, 4 clients", "team queue, 50 rows", "full-text search"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
