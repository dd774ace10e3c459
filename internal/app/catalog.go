package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// ServiceVersion is a kept version of a catalogue service.
type ServiceVersion = store.ServiceVersion

// CatalogueQuery filters the catalogue. Party keeps only the activities
// that party does (and the services that have any).
type CatalogueQuery struct {
	Search       string
	AreaID       int64
	Kind         catalog.ServiceKind
	Party        catalog.Party
	WithInactive bool // catalogue managers only
}

// CatalogueArea is a service area with its services.
type CatalogueArea struct {
	catalog.Area
	Services []catalog.Service
}

// signedIn refuses the anonymous.
func signedIn(by Actor) error {
	if by.System || by.PersonID != 0 {
		return nil
	}
	return fault.New(fault.Unauthenticated, "sign in first")
}

// Catalogue lists the service areas with their services and activities.
// Everyone signed in may read it; inactive services are shown to those
// who manage the catalogue.
func (a *App) Catalogue(ctx context.Context, by Actor, cq CatalogueQuery) ([]CatalogueArea, error) {
	if err := signedIn(by); err != nil {
		return nil, err
	}
	var fs fault.Fields
	if cq.Party != "" && !slices.Contains(catalog.Parties, cq.Party) {
		fs.Add("party", "activity_party", "party must be centre, member or manager")
	}
	if cq.Kind != "" && !slices.Contains(catalog.ServiceKinds, cq.Kind) {
		fs.Add("kind", "service_kind", "kind must be base or additional")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	q := a.db.Read()
	areas, err := q.ListAreas(ctx)
	if err != nil {
		return nil, err
	}
	services, err := q.ListCatalogue(ctx, cq.WithInactive && by.Can(ManageCatalogue))
	if err != nil {
		return nil, err
	}
	out := make([]CatalogueArea, 0, len(areas))
	for _, ar := range areas {
		if cq.AreaID != 0 && ar.ID != cq.AreaID {
			continue
		}
		ca := CatalogueArea{Area: ar}
		for _, s := range services {
			if s.AreaID != ar.ID || (cq.Kind != "" && s.Kind != cq.Kind) || !s.Matches(cq.Search) {
				continue
			}
			if cq.Party != "" {
				if s.Activities = s.By(cq.Party); len(s.Activities) == 0 {
					continue
				}
			}
			ca.Services = append(ca.Services, s)
		}
		if len(ca.Services) > 0 || (cq.Search == "" && cq.Party == "" && cq.Kind == "") {
			out = append(out, ca)
		}
	}
	return out, nil
}

// ServiceAreas lists the service areas.
func (a *App) ServiceAreas(ctx context.Context, by Actor) ([]catalog.Area, error) {
	if err := signedIn(by); err != nil {
		return nil, err
	}
	return a.db.Read().ListAreas(ctx)
}

// ServiceArea reads one service area.
func (a *App) ServiceArea(ctx context.Context, by Actor, id int64) (catalog.Area, error) {
	if err := signedIn(by); err != nil {
		return catalog.Area{}, err
	}
	ar, err := a.db.Read().GetArea(ctx, id)
	return ar, notFound(err, "service area")
}

// CatalogueService reads a service with its activities. An inactive one
// is "not found" to all but those who manage the catalogue.
func (a *App) CatalogueService(ctx context.Context, by Actor, id int64) (catalog.Service, error) {
	if err := signedIn(by); err != nil {
		return catalog.Service{}, err
	}
	s, err := a.db.Read().CatalogService(ctx, id)
	if err == nil && !s.Active && !by.Can(ManageCatalogue) {
		err = store.ErrNotFound
	}
	return s, notFound(err, "service")
}

// ServiceHistory lists the kept versions of a service, newest first
// (centre staff).
func (a *App) ServiceHistory(ctx context.Context, by Actor, id int64) ([]ServiceVersion, error) {
	if err := by.require(ViewCentre); err != nil {
		return nil, err
	}
	if _, err := a.db.Read().CatalogService(ctx, id); err != nil {
		return nil, notFound(err, "service")
	}
	return a.db.Read().ServiceVersions(ctx, id)
}

// CreateServiceArea adds a service area.
func (a *App) CreateServiceArea(ctx context.Context, by Actor, ar catalog.Area) (catalog.Area, error) {
	if err := by.require(ManageCatalogue); err != nil {
		return ar, err
	}
	ar, err := ar.Normalise()
	if err != nil {
		return ar, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if ar, err = q.CreateArea(ctx, ar); err != nil {
			return duplicateField(err, "code", "catalogue_code_taken", "another service area has this code")
		}
		return a.audit(ctx, q, by, 0, "service_area", ar.ID, "create", nil, ar)
	})
	return ar, err
}

// UpdateServiceArea changes a service area's code, names and descriptions.
func (a *App) UpdateServiceArea(ctx context.Context, by Actor, ar catalog.Area) (catalog.Area, error) {
	if err := by.require(ManageCatalogue); err != nil {
		return ar, err
	}
	ar, err := ar.Normalise()
	if err != nil {
		return ar, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetArea(ctx, ar.ID)
		if err != nil {
			return notFound(err, "service area")
		}
		ar.Position = before.Position
		if err := q.UpdateArea(ctx, ar); err != nil {
			return duplicateField(err, "code", "catalogue_code_taken", "another service area has this code")
		}
		return a.audit(ctx, q, by, 0, "service_area", ar.ID, "update", before, ar)
	})
	return ar, err
}

// CreateCatalogueService adds a service (without activities) at version 1.
func (a *App) CreateCatalogueService(ctx context.Context, by Actor, s catalog.Service) (catalog.Service, error) {
	if err := by.require(ManageCatalogue); err != nil {
		return s, err
	}
	s.Activities = nil
	s, err := s.Normalise()
	if err != nil {
		return s, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if err := checkArea(ctx, q, s.AreaID); err != nil {
			return err
		}
		if s, err = q.CreateCatalogService(ctx, s, a.now()); err != nil {
			return duplicateField(err, "code", "catalogue_code_taken", "another service has this code")
		}
		return a.serviceChanged(ctx, q, by, s, nil, "create", "service created")
	})
	return s, err
}

// UpdateCatalogueService changes a service's own fields (its activities
// change one by one); the service gets a new version.
func (a *App) UpdateCatalogueService(ctx context.Context, by Actor, s catalog.Service) (catalog.Service, error) {
	if err := by.require(ManageCatalogue); err != nil {
		return s, err
	}
	s, err := s.Normalise()
	if err != nil {
		return s, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.CatalogService(ctx, s.ID)
		if err != nil {
			return notFound(err, "service")
		}
		if err := checkArea(ctx, q, s.AreaID); err != nil {
			return err
		}
		s.Position, s.Activities = before.Position, before.Activities
		s.Version, s.UpdatedAt = before.Version+1, a.now()
		if err := q.UpdateCatalogService(ctx, s); err != nil {
			return duplicateField(err, "code", "catalogue_code_taken", "another service has this code")
		}
		return a.serviceChanged(ctx, q, by, s, &before, "update", "service updated")
	})
	return s, err
}

func checkArea(ctx context.Context, q *store.Queries, id int64) error {
	if _, err := q.GetArea(ctx, id); err != nil {
		return fieldIfMissing(err, "area_id", "area_unknown", "there is no service area with this id")
	}
	return nil
}

// fieldIfMissing turns the store's ErrNotFound into a field error.
func fieldIfMissing(err error, field, code, detail string) error {
	if errors.Is(err, store.ErrNotFound) {
		return fault.Field(field, code, detail)
	}
	return err
}

// AddActivity adds an activity to a service (last, unless Position is set).
func (a *App) AddActivity(ctx context.Context, by Actor, act catalog.Activity) (catalog.Activity, error) {
	return a.changeActivity(ctx, by, act, "add")
}

// UpdateActivity changes an activity of a service.
func (a *App) UpdateActivity(ctx context.Context, by Actor, act catalog.Activity) (catalog.Activity, error) {
	return a.changeActivity(ctx, by, act, "update")
}

// RemoveActivity takes an activity out of its service.
func (a *App) RemoveActivity(ctx context.Context, by Actor, id int64) error {
	_, err := a.changeActivity(ctx, by, catalog.Activity{ID: id}, "remove")
	return err
}

// Activity reads one activity.
func (a *App) Activity(ctx context.Context, by Actor, id int64) (catalog.Activity, error) {
	if err := signedIn(by); err != nil {
		return catalog.Activity{}, err
	}
	act, err := a.db.Read().GetActivity(ctx, id)
	if err == nil {
		_, err = a.CatalogueService(ctx, by, act.ServiceID)
	}
	return act, notFound(err, "activity")
}

// changeActivity adds, updates or removes an activity and gives its
// service a new version, all in one transaction.
func (a *App) changeActivity(ctx context.Context, by Actor, act catalog.Activity, how string) (catalog.Activity, error) {
	if err := by.require(ManageCatalogue); err != nil {
		return act, err
	}
	if how != "remove" {
		var err error
		if act, err = act.Normalise(); err != nil {
			return act, err
		}
	}
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		var prior catalog.Activity
		if how != "add" {
			var err error
			if prior, err = q.GetActivity(ctx, act.ID); err != nil {
				return notFound(err, "activity")
			}
			act.ServiceID = prior.ServiceID
		}
		before, err := q.CatalogService(ctx, act.ServiceID)
		if err != nil {
			return notFound(err, "service")
		}
		switch how {
		case "add":
			act, err = q.CreateActivity(ctx, act)
		case "update":
			if act.Position == 0 {
				act.Position = prior.Position
			}
			err = q.UpdateActivity(ctx, act)
		case "remove":
			act = prior
			err = q.DeleteActivity(ctx, act.ID)
		}
		if err != nil {
			return err
		}
		after, err := q.CatalogService(ctx, act.ServiceID)
		if err != nil {
			return err
		}
		if after.Version, err = q.BumpServiceVersion(ctx, after.ID, a.now()); err != nil {
			return err
		}
		after.UpdatedAt = a.now()
		return a.serviceChanged(ctx, q, by, after, &before, "activity_"+how, fmt.Sprintf("activity %s: %s", how, act.Name.SV))
	})
	return act, err
}

// serviceChanged keeps the new version of a service and audits the change.
func (a *App) serviceChanged(ctx context.Context, q *store.Queries, by Actor, s catalog.Service, before *catalog.Service, action, change string) error {
	err := q.RecordServiceVersion(ctx, store.ServiceVersion{ServiceID: s.ID, Version: s.Version, Change: change,
		Snapshot: jsonOf(s), ChangedBy: by.PersonID, ActorName: actorName(by), ChangedAt: a.now()})
	if err != nil {
		return err
	}
	var b any
	if before != nil {
		b = before
	}
	return a.audit(ctx, q, by, 0, "service", s.ID, action, b, s)
}

func actorName(by Actor) string {
	if by.System {
		return "system: " + by.Name
	}
	return by.Name
}
