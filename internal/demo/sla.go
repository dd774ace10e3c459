package demo

import (
	"fmt"

	"samverkan/internal/sla"
)

// payrunPolicies gives the payroll services whose cases are input to a
// pay run (corrections, employment data) the member's obligation to get
// that input to the centre at least five business days before the
// member's cut-off. The demo's cases are filed after the fact, so these
// policies set no targets for the centre, whose clocks would run against
// today instead of the day a case was handled; the pay-run obligation is
// judged on the day a case was received, so the report shows real late
// input.
func (w *caseWorld) payrunPolicies() error {
	for i, x := range []struct{ name, service string }{
		{"Löneunderlag i tid: rättelser", "corrections"},
		{"Löneunderlag i tid: anställningsuppgifter", "employment_data"},
	} {
		if _, err := w.l.a.SaveSLAPolicy(w.l.ctx, w.l.sys, sla.Policy{Name: x.name, Position: 10 * (i + 1),
			ServiceID: w.services[x.service], PayrunInputDays: 5}); err != nil {
			return fmt.Errorf("policy %s: %w", x.name, err)
		}
	}
	return nil
}
