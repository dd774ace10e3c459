package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// CaseChanges changes fields of a case (centre staff); nil leaves a field
// as it is.
type CaseChanges struct {
	Subject      *string
	Type         *cases.Type
	ServiceID    *int64 // 0 clears the service
	Priority     *cases.Priority
	UnitID       *int64 // a unit of the case's member
	Tags         *[]string
	Confidential *bool
	Details      *map[string]string // replaces all the type's fields
}

// UpdateCase changes a case's classification and description (centre
// staff). Required details of a new type are not demanded: reclassifying
// must not need information nobody has asked for yet.
func (a *App) UpdateCase(ctx context.Context, by Actor, id int64, ch CaseChanges) (cases.Case, error) {
	scope, err := a.workScope(ctx, by)
	if err != nil {
		return cases.Case{}, err
	}
	now, _ := a.caseNow(ctx)
	var c cases.Case
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if c, err = lockVisible(ctx, q, scope, id); err != nil {
			return err
		}
		before := c
		if err := applyChanges(ctx, q, &c, ch); err != nil {
			return err
		}
		external, internal, err := describeChanges(ctx, q, before, c)
		if err != nil {
			return err
		}
		if len(external)+len(internal) == 0 {
			return nil
		}
		au := authorOf(by)
		for _, e := range []struct {
			vis     cases.Visibility
			changes []cases.Change
		}{{cases.External, external}, {cases.InternalOnly, internal}} {
			if len(e.changes) == 0 {
				continue
			}
			if _, err := q.AddCaseEvent(ctx, cases.Event{CaseID: c.ID, Kind: cases.UpdateEvent, Visibility: e.vis,
				AuthorID: au.id, AuthorName: au.name, OnBehalfOf: au.onBehalfOf, Changes: e.changes, CreatedAt: now}); err != nil {
				return err
			}
		}
		if err := a.touch(ctx, q, c, now); err != nil {
			return err
		}
		if before.Subject != c.Subject {
			if err := q.ReindexCase(ctx, c.ID); err != nil {
				return err
			}
		}
		return a.audit(ctx, q, by, c.MemberID, "case", c.ID, "update", before, c)
	})
	return c, err
}

// applyChanges validates and applies ch to c.
func applyChanges(ctx context.Context, q *store.Queries, c *cases.Case, ch CaseChanges) error {
	var fs fault.Fields
	if ch.Subject != nil {
		s := cases.OneLine(*ch.Subject)
		if s == "" || len([]rune(s)) > cases.MaxSubject {
			fs.Add("subject", "subject", "a subject of 1 to 200 characters")
		}
		c.Subject = s
	}
	if ch.Type != nil {
		if !ch.Type.Valid() {
			fs.Add("type", "type", "type must be one of question, order, correction, error_report, complaint, change_request, document_request")
		}
		c.Type = *ch.Type
	}
	if ch.Priority != nil {
		if !ch.Priority.Valid() {
			fs.Add("priority", "priority", "priority must be low, normal, high or urgent")
		}
		c.Priority = *ch.Priority
	}
	if ch.ServiceID != nil {
		c.ServiceID = *ch.ServiceID
		if c.ServiceID != 0 {
			if s, err := q.GetService(ctx, c.ServiceID); errors.Is(err, store.ErrNotFound) || (err == nil && !s.Active) {
				fs.Add("service_id", "service_unknown", "there is no such service")
			} else if err != nil {
				return err
			}
		}
	}
	if ch.UnitID != nil {
		c.UnitID = *ch.UnitID
		if c.UnitID != 0 {
			if u, err := q.GetUnit(ctx, c.UnitID); errors.Is(err, store.ErrNotFound) || (err == nil && u.MemberID != c.MemberID) {
				fs.Add("unit_id", "unit_unknown", "choose a unit of the case's member")
			} else if err != nil {
				return err
			}
		}
	}
	if ch.Tags != nil {
		tags, err := cases.NormaliseTags(*ch.Tags)
		fs = append(fs, fieldsOf(err)...)
		c.Tags = tags
	}
	if ch.Confidential != nil {
		c.Confidential = *ch.Confidential
	}
	if ch.Details != nil {
		c.Details = *ch.Details
	}
	if c.Type.Valid() {
		if cases.FormFor(c.Type).NeedsService && c.ServiceID == 0 && !fs.Has("service_id") {
			fs.Add("service_id", "required", "choose the service this "+strings.ReplaceAll(string(c.Type), "_", " ")+" concerns")
		}
		d, err := cases.CheckDetails(c.Type, c.Details, false)
		fs = append(fs, fieldsOf(err)...)
		c.Details = d
	}
	return fs.Err()
}

// describeChanges lists the changed fields for the timeline: what the
// member side may see, and what only the centre sees (tags,
// confidentiality).
func describeChanges(ctx context.Context, q *store.Queries, before, after cases.Case) (external, internal []cases.Change, err error) {
	add := func(to *[]cases.Change, field, from, now string) {
		if from != now {
			*to = append(*to, cases.Change{Field: field, From: from, To: now})
		}
	}
	add(&external, "subject", before.Subject, after.Subject)
	add(&external, "type", string(before.Type), string(after.Type))
	add(&external, "priority", string(before.Priority), string(after.Priority))
	if before.ServiceID != after.ServiceID {
		from, to, err := serviceNames(ctx, q, before.ServiceID, after.ServiceID)
		if err != nil {
			return nil, nil, err
		}
		add(&external, "service", from, to)
		add(&external, "service_id", idText(before.ServiceID), idText(after.ServiceID))
	}
	if before.UnitID != after.UnitID {
		add(&external, "unit_id", idText(before.UnitID), idText(after.UnitID))
	}
	add(&external, "details", jsonOf(before.Details), jsonOf(after.Details))
	add(&internal, "tags", strings.Join(before.Tags, " "), strings.Join(after.Tags, " "))
	add(&internal, "confidential", strconv.FormatBool(before.Confidential), strconv.FormatBool(after.Confidential))
	return external, internal, nil
}

func serviceNames(ctx context.Context, q *store.Queries, ids ...int64) (string, string, error) {
	var names [2]string
	for i, id := range ids[:2] {
		if id == 0 {
			continue
		}
		s, err := q.GetService(ctx, id)
		if err != nil {
			return "", "", err
		}
		names[i] = s.Name.SV
	}
	return names[0], names[1], nil
}
