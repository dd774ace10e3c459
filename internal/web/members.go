package web

import (
	"net/http"
	"net/url"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

type listPage[T any] struct {
	Items []T
	Next  string // the next page's URL, "" on the last page
	First string // the first page's URL when this is a later page
	Names names  // names of members (or units) the items refer to
}

// nextURL is the current list URL continued at cursor.
func nextURL(r *http.Request, cursor string) string {
	if cursor == "" {
		return ""
	}
	q := r.URL.Query()
	q.Set("cursor", cursor)
	q.Del("done")
	return r.URL.Path + "?" + q.Encode()
}

// firstURL is the current list URL from its first page, "" when this is it.
func firstURL(r *http.Request) string {
	q := r.URL.Query()
	if q.Get("cursor") == "" {
		return ""
	}
	q.Del("cursor")
	q.Del("done")
	return r.URL.Path + "?" + q.Encode()
}

// isPartial reports whether htmx asks for the list results only (and not
// a whole page to restore its history).
func isPartial(r *http.Request) bool {
	h := r.Header
	return h.Get("HX-Request") == "true" && h.Get("HX-History-Restore-Request") != "true" && h.Get("HX-Target") == "results"
}

func (s *server) members(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	page, err := s.app.ListMembers(r.Context(), v.actor, app.MemberQuery{Search: q.Get("q"),
		Status: org.MemberStatus(q.Get("status")), Kind: org.MemberKind(q.Get("kind")), PageRequest: app.PageRequest{Cursor: q.Get("cursor")}})
	if err != nil {
		return err
	}
	vw := &view{Title: v.T("members.title"), Section: "members", Form: newForm(q),
		Data: listPage[org.Member]{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r)}}
	if isPartial(r) {
		return s.partial(w, r, v, "members", "results", vw)
	}
	return s.show(w, r, v, http.StatusOK, "members", vw)
}

type memberPage struct {
	Member     org.Member
	ParentName string
	Children   []org.Member
	Units      []*unitNode
	Contacts   []levelGroup
	People     listPage[org.Person]
}

func (s *server) member(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	m, err := s.app.Member(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := memberPage{Member: m}
	all, err := s.allMembers(ctx, v.actor)
	if err != nil {
		return err
	}
	for _, c := range all {
		if c.ParentID == m.ID {
			d.Children = append(d.Children, c)
		}
	}
	d.ParentName = memberNames(all).Of(m.ParentID)
	units, err := s.allUnits(ctx, v.actor, m.ID)
	if err != nil {
		return err
	}
	d.Units = unitTree(units)
	if d.Contacts, err = s.contacts(ctx, v.actor, m.ID); err != nil {
		return err
	}
	people, err := s.app.ListPeople(ctx, v.actor, app.PersonQuery{MemberID: m.ID})
	if err != nil {
		return err
	}
	d.People = listPage[org.Person]{Items: people.Items, Names: unitNames(units)}
	if people.NextCursor != "" {
		d.People.Next = "/people?member=" + itoa(m.ID)
	}
	return s.show(w, r, v, http.StatusOK, "member", &view{Title: m.Name, Section: "members", Data: d})
}

type memberForm struct {
	ID                       int64
	Countries, Kinds, Status []option
	Parents                  []option
}

// showMemberForm renders the new or edit form for member id (0: new).
func (s *server) showMemberForm(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	if !v.actor.Can(app.ManageOrganisation) {
		return fault.Forbiddenf("your role does not allow this")
	}
	all, err := s.allMembers(r.Context(), v.actor)
	if err != nil {
		return err
	}
	d := memberForm{ID: id, Countries: countryOptions(v), Kinds: enumOptions(v, "kind", org.MemberKinds, true),
		Status: enumOptions(v, "status", org.MemberStatuses, false), Parents: memberOptions(v, all, id, "members.no_parent")}
	title := v.T("members.new")
	if id != 0 {
		title = v.T("members.edit_title", f.Get("name"))
	}
	return s.show(w, r, v, status, "member_form", &view{Title: title, Section: "members", Form: f, Data: d})
}

func countryOptions(v *visit) []option {
	return []option{{Value: "SE", Label: v.T("country.SE")}, {Value: "DK", Label: v.T("country.DK")}}
}

func (s *server) memberNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(url.Values{"country": {v.centre.Country}, "status": {string(org.Onboarding)}})
	return s.showMemberForm(w, r, v, http.StatusOK, 0, f)
}

func (s *server) memberEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	m, err := s.app.Member(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"name": {m.Name}, "org_number": {m.OrgNumber}, "country": {m.Country},
		"kind": {string(m.Kind)}, "status": {string(m.Status)}, "parent_id": {itoa(m.ParentID)}})
	return s.showMemberForm(w, r, v, http.StatusOK, id, f)
}

func memberFrom(f *form) org.Member {
	return org.Member{Name: f.Get("name"), OrgNumber: f.Get("org_number"), Country: f.Get("country"),
		Kind: org.MemberKind(f.Get("kind")), Status: org.MemberStatus(f.Get("status")), ParentID: idOf(f.Get("parent_id"))}
}

func (s *server) memberCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	m, err := s.app.CreateMember(r.Context(), v.actor, memberFrom(f))
	if f.take(v.lang, err) {
		return s.showMemberForm(w, r, v, http.StatusUnprocessableEntity, 0, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/members/"+itoa(m.ID)+"?done=created")
}

func (s *server) memberUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	m := memberFrom(f)
	m.ID = id
	_, err = s.app.UpdateMember(r.Context(), v.actor, m)
	if f.take(v.lang, err) {
		return s.showMemberForm(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/members/"+itoa(id)+"?done=saved")
}
