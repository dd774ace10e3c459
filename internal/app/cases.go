package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// CaseView is a case with the names shown beside it (member, unit,
// requester, team, assignee, service).
type CaseView = store.CaseView

// CaseLink is a link from a case to another, with the other case.
type CaseLink = store.CaseLink

// NewAttachment is a file as a client sends it; only its bytes are
// trusted, and only after they are sniffed.
type NewAttachment struct {
	Filename string
	Data     []byte
}

// NewCase is a case as it is filed: by a member-side user in the portal,
// by centre staff for a phone call or a back-registered letter, by another
// system through the API, or by the e-mail intake.
type NewCase struct {
	// MemberID defaults to the requester's member.
	MemberID int64
	// UnitID defaults to the requester's unit.
	UnitID int64
	// The requester, by id or by e-mail address. Member-side users file for
	// themselves (or, as a substitute, for their principal) and may leave
	// both empty.
	RequesterID    int64
	RequesterEmail string

	Channel    cases.Channel // member side: portal (default), web_form or email
	Type       cases.Type
	Priority   cases.Priority // default normal
	ServiceID  int64          // required for orders and change requests
	Subject    string
	Body       string
	Details    map[string]string // the fields of the type: cases.FormFor(Type)
	Tags       []string
	ReceivedAt time.Time // centre only; default now; never in the future

	// Centre staff may confidential-mark a case, choose its team instead of
	// the routing rules, and assign it at once. Member-side users may only
	// mark it confidential.
	Confidential bool
	TeamID       int64
	AssigneeID   int64

	// AutoSubmitted: the opening message was an auto-reply or bulk mail
	// (Auto-Submitted, Precedence, X-Autoreply). No acknowledgement goes
	// out and no notice of resolution either.
	AutoSubmitted bool
	// NoAcknowledgement: do not send the acknowledgement (the caller is on
	// the phone and has the number already).
	NoAcknowledgement bool
	// MessageID is the e-mail Message-ID of the opening message.
	MessageID   string
	Attachments []NewAttachment

	// Also runs in the transaction that opens the case, after it: adapters
	// such as the e-mail intake settle their own records with it. An error
	// rolls everything back.
	Also func(ctx context.Context, q *store.Queries, c cases.Case) error
}

// Settings of cases in the settings table (see also CaseSettings).
const (
	SettingCasePrefix    = "case_prefix"          // e.g. HRSC: references read HRSC2026-000123
	SettingFirstLineTeam = "first_line_team_id"   // the default team of new cases
	SettingReopenDays    = "reopen_days"          // default 14
	SettingAttachmentMax = "attachment_max_bytes" // default 10 MiB
)

// FirstLineTeamName is the team new cases go to when no rule matches and
// no first-line team is set.
const FirstLineTeamName = "Första linjen"

// DefaultAttachmentMax is the default size limit of one attachment.
const DefaultAttachmentMax = 10 << 20

// OpenCase files a new case: it checks who files it for whom, validates it
// by its type, gives it the year's next registration number, routes it to a
// team and records its opening message, all in one transaction with the
// audit entry and, for a member's case, the acknowledgement e-mail job
// (committed together with other cases opened at the same moment: see
// cases_batch.go).
func (a *App) OpenCase(ctx context.Context, by Actor, in NewCase) (cases.Case, error) {
	p, err := a.prepareCase(ctx, by, in)
	if err != nil {
		return cases.Case{}, err
	}
	return a.writeNewCase(ctx, by, p, in.Also)
}

// preparedCase is a new case checked and routed, ready to be written.
type preparedCase struct {
	c           cases.Case
	body        string
	messageID   string
	author      author
	files       []preparedFile
	acknowledge bool
	quiet       bool // backfill: no e-mail
	prefix      string
}

// author is who wrote an event.
type author struct {
	id, onBehalfOf int64
	name           string
}

func authorOf(by Actor) author {
	if by.System {
		return author{name: by.Name}
	}
	return author{id: by.PersonID, onBehalfOf: by.ActingFor, name: by.Name}
}

// prepareCase does every read and check of OpenCase before its
// transaction, which then stays short.
func (a *App) prepareCase(ctx context.Context, by Actor, in NewCase) (preparedCase, error) {
	if err := caseActor(by); err != nil {
		return preparedCase{}, err
	}
	q := a.db.Read()
	now, quiet := a.caseNow(ctx)
	snap, err := a.caseSnapshot(ctx)
	if err != nil {
		return preparedCase{}, err
	}
	cfg := snap.cfg
	member := !by.IsCentre()
	if member {
		switch {
		case in.TeamID != 0 || in.AssigneeID != 0:
			return preparedCase{}, fault.Forbiddenf("only centre staff choose the team or the assignee of a case")
		case in.MemberID != 0 && in.MemberID != by.MemberID:
			return preparedCase{}, fault.Forbiddenf("you can file cases only for your own organisation")
		}
		in.ReceivedAt = time.Time{}
		if in.Channel == "" {
			in.Channel = cases.Portal
		}
		if in.Channel != cases.Portal && in.Channel != cases.WebForm && in.Channel != cases.Email {
			return preparedCase{}, fault.Field("channel", "channel_member", "a case from the member side comes by portal, web_form or email")
		}
	}
	d, err := cases.Draft{Channel: in.Channel, Type: in.Type, Priority: in.Priority, ServiceID: in.ServiceID,
		Subject: in.Subject, Body: in.Body, Details: in.Details, Tags: in.Tags, ReceivedAt: in.ReceivedAt}.Normalise(now)
	fs := fieldsOf(err)
	if err != nil && len(fs) == 0 {
		return preparedCase{}, err
	}
	req, err := a.requester(ctx, q, by, in, &fs)
	if err != nil {
		return preparedCase{}, err
	}
	files, err := prepareFiles(in.Attachments, cfg.maxAttachment, &fs)
	if err != nil {
		return preparedCase{}, err
	}
	c := cases.Case{MemberID: in.MemberID, UnitID: in.UnitID, RequesterID: req.ID, Channel: d.Channel, ServiceID: d.ServiceID,
		Type: d.Type, Priority: d.Priority, Status: cases.New, Line: cases.FirstLine, Tags: d.Tags, Confidential: in.Confidential,
		Automated: in.AutoSubmitted, Subject: d.Subject, Details: d.Details, ReceivedAt: d.ReceivedAt, CreatedAt: now, UpdatedAt: now}
	if by.Acting() {
		c.FiledByID = by.PersonID
	}
	if req.ID != 0 {
		if c.MemberID == 0 {
			c.MemberID = req.MemberID
		}
		if c.UnitID == 0 && req.MemberID == c.MemberID {
			c.UnitID = req.UnitID
		}
	}
	path, err := a.checkCasePlace(ctx, q, by, &c, req, snap, &fs)
	if err != nil {
		return preparedCase{}, err
	}
	if err := a.routeNew(ctx, q, &c, in, path, cfg, snap, &fs); err != nil {
		return preparedCase{}, err
	}
	if err := fs.Err(); err != nil {
		return preparedCase{}, err
	}
	c.Year = now.In(snap.loc).Year()
	p := preparedCase{c: c, body: d.Body, messageID: strings.TrimSpace(in.MessageID), files: files, quiet: quiet,
		author: authorOf(by), prefix: cfg.prefix}
	// A phone call, a visit or an internal case is written down by the
	// staff member; a letter, mail or form filed by the system or
	// back-registered by staff is the requester's own words.
	if by.System || (by.IsCentre() && d.Channel != cases.Phone && d.Channel != cases.WalkIn && d.Channel != cases.Internal) {
		p.author = author{id: req.ID, name: req.Name}
	}
	p.acknowledge = req.MemberID != 0 && d.Channel != cases.Internal && !in.AutoSubmitted && !in.NoAcknowledgement
	return p, nil
}

// requester finds whom the case is for and checks the actor may file for
// them.
func (a *App) requester(ctx context.Context, q *store.Queries, by Actor, in NewCase, fs *fault.Fields) (store.PersonRef, error) {
	var p store.PersonRef
	var err error
	field := "requester_id"
	switch {
	case in.RequesterID != 0:
		p, err = q.GetPersonRef(ctx, in.RequesterID)
	case strings.TrimSpace(in.RequesterEmail) != "":
		field = "requester_email"
		email, ok := org.NormaliseEmail(in.RequesterEmail)
		if !ok {
			fs.Add(field, "email", "not a valid e-mail address")
			return p, nil
		}
		p, err = q.PersonRefByEmail(ctx, email)
	case !by.IsCentre():
		id := by.PersonID
		if by.Acting() {
			id = by.ActingFor
		}
		p, err = q.GetPersonRef(ctx, id)
	default:
		fs.Add(field, "required", "choose the person the case is for")
		return p, nil
	}
	if errors.Is(err, store.ErrNotFound) {
		fs.Add(field, "person_unknown", "there is no person with this "+strings.TrimPrefix(field, "requester_"))
		return p, nil
	}
	if err != nil {
		return p, err
	}
	if !by.IsCentre() && p.ID != by.PersonID && p.ID != by.ActingFor {
		return p, fault.Forbiddenf("you can file cases only for yourself or for the person you stand in for")
	}
	return p, nil
}

// checkCasePlace checks the member and unit of a new case and returns the
// unit's path up the tree (for routing).
func (a *App) checkCasePlace(ctx context.Context, q *store.Queries, by Actor, c *cases.Case, req store.PersonRef, snap *caseSnapshot, fs *fault.Fields) ([]int64, error) {
	if c.MemberID == 0 {
		if !fs.Has("requester_id") && !fs.Has("requester_email") {
			fs.Add("member_id", "required", "choose the member organisation")
		}
		return nil, nil
	}
	if req.ID != 0 && c.MemberID != req.MemberID {
		if _, err := q.GetMember(ctx, c.MemberID); errors.Is(err, store.ErrNotFound) {
			fs.Add("member_id", "member_unknown", "there is no member with this id")
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		if req.MemberID != 0 || c.Channel != cases.Internal {
			fs.Add("requester_id", "requester_other_member", "the requester does not belong to this member")
		}
	}
	if c.UnitID == 0 {
		return nil, nil
	}
	path, unitMember, ok := snap.unitPath(c.UnitID)
	var err error
	if !ok {
		path, unitMember, err = q.UnitPath(ctx, c.UnitID)
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		fs.Add("unit_id", "unit_unknown", "there is no unit with this id")
		return nil, nil
	case err != nil:
		return nil, err
	case unitMember != c.MemberID && !by.IsCentre():
		return nil, fault.Forbiddenf("you can file cases only for your own organisation")
	case unitMember != c.MemberID:
		fs.Add("unit_id", "unit_other_member", "the unit does not belong to the case's member")
		return nil, nil
	}
	return path, nil
}

// openCaseIn writes a prepared case: number, row, opening message, files,
// audit entry and acknowledgement job. It returns the case's search
// document for the caller to write with store.IndexNewCases, last.
func (a *App) openCaseIn(ctx context.Context, q *store.Queries, by Actor, p preparedCase) (cases.Case, store.CaseDoc, error) {
	c, doc, err := p.c, store.CaseDoc{}, error(nil)
	if c.Seq, err = q.NextCaseSeq(ctx, c.Year); err != nil {
		return c, doc, err
	}
	c.Reference = cases.Reference{Prefix: p.prefix, Year: c.Year, Seq: c.Seq}.String()
	if c, err = q.CreateCase(ctx, c); err != nil {
		return c, doc, err
	}
	ev, err := q.AddCaseEvent(ctx, cases.Event{CaseID: c.ID, Kind: cases.MessageEvent, Visibility: cases.External,
		AuthorID: p.author.id, AuthorName: p.author.name, OnBehalfOf: p.author.onBehalfOf, Channel: c.Channel,
		Body: p.body, MessageID: p.messageID, CreatedAt: c.ReceivedAt})
	if err != nil {
		return c, doc, err
	}
	doc = store.CaseDoc{Case: c, External: []string{p.body}}
	for _, f := range p.files {
		if _, err := a.storeFile(ctx, q, c.ID, ev.ID, f, c.CreatedAt); err != nil {
			return c, doc, err
		}
		doc.External = append(doc.External, f.name)
	}
	if err := a.audit(ctx, q, by, c.MemberID, "case", c.ID, "create", nil, c); err != nil {
		return c, doc, err
	}
	if err := a.startCaseSLA(ctx, q, c); err != nil {
		return c, doc, err
	}
	if err := a.checkPayrunInput(ctx, q, c); err != nil {
		return c, doc, err
	}
	if p.acknowledge && !p.quiet {
		return c, doc, enqueueCaseMail(ctx, q, JobCaseAcknowledgement, c.ID, ev.ID, a.now())
	}
	return c, doc, nil
}

// caseActor refuses callers that are not signed in, and centre staff
// without a role that works on cases.
func caseActor(by Actor) error {
	switch {
	case by.System:
		return nil
	case by.PersonID == 0:
		return fault.New(fault.Unauthenticated, "sign in first")
	case by.IsCentre():
		return by.require(WorkCases)
	}
	return nil
}

// fieldsOf returns the field errors of an Invalid error (nil otherwise).
func fieldsOf(err error) fault.Fields {
	if e, ok := fault.As(err); ok && e.Kind == fault.Invalid {
		return slices.Clone(e.Fields)
	}
	return nil
}

// centreLocation is the centre's time zone (UTC if it cannot be read).
func (a *App) centreLocation(ctx context.Context) *time.Location {
	c, err := a.Centre(ctx)
	if err != nil {
		return time.UTC
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}
