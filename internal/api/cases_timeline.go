package api

import (
	"net/http"
	"strconv"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
)

// eventJSON is one entry of a case's timeline.
type eventJSON struct {
	ID          int64            `json:"id"`
	CaseID      int64            `json:"case_id"`
	Kind        cases.EventKind  `json:"kind"`
	Visibility  cases.Visibility `json:"visibility"`
	AuthorID    *int64           `json:"author_id"`
	AuthorName  string           `json:"author_name"`
	OnBehalfOf  *int64           `json:"on_behalf_of"`
	Channel     *cases.Channel   `json:"channel"`
	Body        *string          `json:"body"`
	Changes     []changeJSON     `json:"changes"`
	Attachments []attachmentJSON `json:"attachments"`
	CreatedAt   string           `json:"created_at"`
}

// changeJSON is one field's change on the timeline.
type changeJSON struct {
	Field string  `json:"field"`
	From  *string `json:"from"`
	To    *string `json:"to"`
}

// attachmentJSON describes a file; url downloads it.
type attachmentJSON struct {
	ID          int64  `json:"id"`
	CaseID      int64  `json:"case_id"`
	EventID     int64  `json:"event_id"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	URL         string `json:"url"`
	CreatedAt   string `json:"created_at"`
}

func eventOut(e cases.Event, loc *time.Location) eventJSON {
	out := eventJSON{ID: e.ID, CaseID: e.CaseID, Kind: e.Kind, Visibility: e.Visibility, AuthorID: idOrNull(e.AuthorID),
		AuthorName: e.AuthorName, OnBehalfOf: idOrNull(e.OnBehalfOf), Channel: textOrNull(e.Channel),
		Changes: make([]changeJSON, 0, len(e.Changes)), Attachments: make([]attachmentJSON, 0, len(e.Attachments)),
		CreatedAt: stamp(e.CreatedAt, loc)}
	if e.HasText() {
		out.Body = &e.Body
	}
	for _, c := range e.Changes {
		out.Changes = append(out.Changes, changeJSON{Field: c.Field, From: textOrNull(c.From), To: textOrNull(c.To)})
	}
	for _, a := range e.Attachments {
		out.Attachments = append(out.Attachments, attachmentOut(a, loc))
	}
	return out
}

func attachmentOut(a cases.Attachment, loc *time.Location) attachmentJSON {
	return attachmentJSON{ID: a.ID, CaseID: a.CaseID, EventID: a.EventID, Filename: a.Filename, ContentType: a.ContentType,
		Size: a.Size, SHA256: a.SHA256, URL: prefix + "/attachments/" + strconv.FormatInt(a.ID, 10), CreatedAt: stamp(a.CreatedAt, loc)}
}

// listCaseEvents answers with the whole timeline, oldest first; the
// member side never sees internal events.
func (s *server) listCaseEvents(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Case(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	out := list[eventJSON]{Items: make([]eventJSON, 0, len(d.Timeline))}
	for _, e := range d.Timeline {
		out.Items = append(out.Items, eventOut(e, loc))
	}
	reply(w, http.StatusOK, out)
}

// messageInput is the body of POST /cases/{id}/messages.
type messageInput struct {
	Body       string           `json:"body"`
	Visibility cases.Visibility `json:"visibility"`
	Status     cases.Status     `json:"status"`
}

// addCaseMessage: centre staff reply (external) or write a note
// (internal); a member-side caller adds their own message. The answer is
// the new timeline entry; its case_id is where it landed (a message on a
// closed case opens a follow-up case).
func (s *server) addCaseMessage(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in messageInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	ev, err := s.app.ReplyToCase(r.Context(), by, id, app.Reply{Body: in.Body, Visibility: in.Visibility, Status: in.Status})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	w.Header().Set("Location", prefix+"/cases/"+strconv.FormatInt(ev.CaseID, 10)+"/events")
	reply(w, http.StatusCreated, eventOut(ev, s.zone(r.Context())))
}

// handOverInput is the body of POST /cases/{id}/handover.
type handOverInput struct {
	TeamID int64      `json:"team_id"`
	Line   cases.Line `json:"line"`
	Reason string     `json:"reason"`
}

func (s *server) handOverCase(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.app.CheckCaseWork(r.Context(), by, id); err != nil {
		s.problem(w, r, err)
		return
	}
	var in handOverInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	c, err := s.app.HandOver(r.Context(), by, id, app.HandOverInput{TeamID: in.TeamID, Line: in.Line, Reason: in.Reason})
	s.caseAnswer(w, r, by, c, err)
}

// linkCase links (PUT) or unlinks (DELETE) two related cases.
func (s *server) linkCase(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	other, err := pathID(r, "other_id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.app.CheckCaseWork(r.Context(), by, id); err != nil {
		s.problem(w, r, err)
		return
	}
	if r.Method == http.MethodDelete {
		err = s.app.UnlinkCases(r.Context(), by, id, other)
	} else {
		err = s.app.LinkCases(r.Context(), by, id, other)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	noContent(w)
}

// mergeInput is the body of POST /cases/{id}/merge.
type mergeInput struct {
	IntoID int64 `json:"into_id"`
}

// mergeCase merges the case (a duplicate) into another; the answer is the
// duplicate, now closed.
func (s *server) mergeCase(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.app.CheckCaseWork(r.Context(), by, id); err != nil {
		s.problem(w, r, err)
		return
	}
	var in mergeInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	c, err := s.app.MergeCase(r.Context(), by, id, in.IntoID)
	s.caseAnswer(w, r, by, c, err)
}
