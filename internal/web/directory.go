package web

import (
	"context"
	"net/http"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// pathID is the {id} of the path; anything but a positive number is a
// page that does not exist.
func pathID(r *http.Request) (int64, error) {
	id := idOf(r.PathValue("id"))
	if id == 0 {
		return 0, fault.NotFoundf("not found")
	}
	return id, nil
}

// collect pages through a whole list.
func collect[T any](list func(app.PageRequest) (app.Page[T], error)) ([]T, error) {
	var out []T
	pr := app.PageRequest{Limit: 200}
	for {
		p, err := list(pr)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.NextCursor == "" {
			return out, nil
		}
		pr.Cursor = p.NextCursor
	}
}

func (s *server) allMembers(ctx context.Context, a app.Actor) ([]org.Member, error) {
	return collect(func(pr app.PageRequest) (app.Page[org.Member], error) {
		return s.app.ListMembers(ctx, a, app.MemberQuery{PageRequest: pr})
	})
}

func (s *server) allUnits(ctx context.Context, a app.Actor, memberID int64) ([]org.Unit, error) {
	return collect(func(pr app.PageRequest) (app.Page[org.Unit], error) {
		return s.app.ListUnits(ctx, a, app.UnitQuery{MemberID: memberID, PageRequest: pr})
	})
}

// unitNode is a unit with its subunits.
type unitNode struct {
	Unit     org.Unit
	Depth    int
	Children []*unitNode
}

// unitTree arranges units (of one member) as a forest, in list order.
func unitTree(us []org.Unit) []*unitNode {
	nodes := make(map[int64]*unitNode, len(us))
	for _, u := range us {
		nodes[u.ID] = &unitNode{Unit: u}
	}
	var roots []*unitNode
	for _, u := range us {
		n := nodes[u.ID]
		if p, ok := nodes[u.ParentID]; ok && u.ParentID != u.ID {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	var depth func([]*unitNode, int)
	depth = func(ns []*unitNode, d int) {
		for _, n := range ns {
			n.Depth = d
			depth(n.Children, d+1)
		}
	}
	depth(roots, 0)
	return roots
}

// flatten lists a forest depth first, leaving out the subtree of skip.
func flatten(ns []*unitNode, skip int64) []*unitNode {
	var out []*unitNode
	for _, n := range ns {
		if n.Unit.ID == skip {
			continue
		}
		out = append(out, n)
		out = append(out, flatten(n.Children, skip)...)
	}
	return out
}

// unitOptions are units as options indented by depth, leaving out the
// subtree of skip; blankKey labels the empty choice.
func unitOptions(v *visit, us []org.Unit, skip int64, blankKey string) []option {
	out := []option{{Value: "", Label: v.T(blankKey)}}
	for _, n := range flatten(unitTree(us), skip) {
		out = append(out, option{Value: itoa(n.Unit.ID), Label: strings.Repeat("– ", n.Depth) + n.Unit.Name})
	}
	return out
}

// memberOptions are members as options; blankKey labels the empty choice.
func memberOptions(v *visit, ms []org.Member, skip int64, blankKey string) []option {
	var out []option
	if blankKey != "" {
		out = append(out, option{Value: "", Label: v.T(blankKey)})
	}
	for _, m := range ms {
		if m.ID != skip {
			out = append(out, option{Value: itoa(m.ID), Label: m.Name})
		}
	}
	return out
}

// names maps ids to names for display.
type names map[int64]string

func memberNames(ms []org.Member) names {
	n := names{}
	for _, m := range ms {
		n[m.ID] = m.Name
	}
	return n
}

func unitNames(us []org.Unit) names {
	n := names{}
	for _, u := range us {
		n[u.ID] = u.Name
	}
	return n
}

// Of is the name of id, "" when unknown.
func (n names) Of(id int64) string { return n[id] }
