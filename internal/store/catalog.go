package store

import (
	"context"
	"database/sql"
	"time"

	"samverkan/internal/catalog"
)

// The service catalogue: the tables service_areas and services of the
// interim list (0004), extended by 0009, and service_activities.

const areaCols = `id, code, name_sv, name_da, name_en, description_sv, description_da, description_en, position`

func scanArea(row interface{ Scan(...any) error }) (catalog.Area, error) {
	var a catalog.Area
	err := row.Scan(&a.ID, &a.Code, &a.Name.SV, &a.Name.DA, &a.Name.EN, &a.Description.SV, &a.Description.DA, &a.Description.EN, &a.Position)
	return a, classify(err)
}

// ListAreas lists the service areas in position order.
func (q *Queries) ListAreas(ctx context.Context) ([]catalog.Area, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+areaCols+` FROM service_areas ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalog.Area
	for rows.Next() {
		a, err := scanArea(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetArea reads one service area.
func (q *Queries) GetArea(ctx context.Context, id int64) (catalog.Area, error) {
	return scanArea(q.ex.QueryRowContext(ctx, `SELECT `+areaCols+` FROM service_areas WHERE id = $1`, id))
}

// CreateArea adds a service area last.
func (q *Queries) CreateArea(ctx context.Context, a catalog.Area) (catalog.Area, error) {
	err := q.ex.QueryRowContext(ctx, `INSERT INTO service_areas (code, name_sv, name_da, name_en, description_sv, description_da, description_en, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT COALESCE(MAX(position), 0) + 1 FROM service_areas)) RETURNING id, position`,
		a.Code, a.Name.SV, a.Name.DA, a.Name.EN, a.Description.SV, a.Description.DA, a.Description.EN).Scan(&a.ID, &a.Position)
	return a, classify(err)
}

// UpdateArea writes an area's code, names and descriptions.
func (q *Queries) UpdateArea(ctx context.Context, a catalog.Area) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE service_areas SET code = $1, name_sv = $2, name_da = $3, name_en = $4,
		description_sv = $5, description_da = $6, description_en = $7 WHERE id = $8`,
		a.Code, a.Name.SV, a.Name.DA, a.Name.EN, a.Description.SV, a.Description.DA, a.Description.EN, a.ID)
	return classify(err)
}

const catalogServiceCols = `s.id, s.area_id, s.code, s.name_sv, s.name_da, s.name_en, s.description_sv, s.description_da, s.description_en,
	s.kind, s.active, s.position, s.version, s.updated_at`

func scanCatalogService(row interface{ Scan(...any) error }) (catalog.Service, error) {
	var s catalog.Service
	var updated sql.NullTime
	err := row.Scan(&s.ID, &s.AreaID, &s.Code, &s.Name.SV, &s.Name.DA, &s.Name.EN, &s.Description.SV, &s.Description.DA, &s.Description.EN,
		&s.Kind, &s.Active, &s.Position, &s.Version, &updated)
	s.UpdatedAt = updated.Time
	return s, classify(err)
}

// ListCatalogue lists the services by area and position, each with its
// activities; inactive services only when asked for.
func (q *Queries) ListCatalogue(ctx context.Context, withInactive bool) ([]catalog.Service, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+catalogServiceCols+` FROM services s JOIN service_areas a ON a.id = s.area_id
		WHERE s.active OR $1 ORDER BY a.position, s.position, s.id`, withInactive)
	if err != nil {
		return nil, err
	}
	var out []catalog.Service
	at := map[int64]int{}
	for rows.Next() {
		s, err := scanCatalogService(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		at[s.ID] = len(out)
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	acts, err := q.activities(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, a := range acts {
		if i, ok := at[a.ServiceID]; ok {
			out[i].Activities = append(out[i].Activities, a)
		}
	}
	return out, nil
}

// CatalogService reads one service with its activities.
func (q *Queries) CatalogService(ctx context.Context, id int64) (catalog.Service, error) {
	s, err := scanCatalogService(q.ex.QueryRowContext(ctx, `SELECT `+catalogServiceCols+` FROM services s WHERE s.id = $1`, id))
	if err != nil {
		return s, err
	}
	s.Activities, err = q.activities(ctx, id)
	return s, err
}

// CreateCatalogService adds a service last in its area, at version 1.
func (q *Queries) CreateCatalogService(ctx context.Context, s catalog.Service, now time.Time) (catalog.Service, error) {
	s.Version, s.UpdatedAt = 1, utc(now)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO services (code, area_id, name_sv, name_da, name_en, description_sv, description_da, description_en,
			kind, active, position, version, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, (SELECT COALESCE(MAX(position), 0) + 1 FROM services), 1, $11) RETURNING id, position`,
		s.Code, s.AreaID, s.Name.SV, s.Name.DA, s.Name.EN, s.Description.SV, s.Description.DA, s.Description.EN,
		s.Kind, s.Active, s.UpdatedAt).Scan(&s.ID, &s.Position)
	return s, classify(err)
}

// UpdateCatalogService writes a service's own fields, including its version.
func (q *Queries) UpdateCatalogService(ctx context.Context, s catalog.Service) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE services SET code = $1, area_id = $2, name_sv = $3, name_da = $4, name_en = $5,
		description_sv = $6, description_da = $7, description_en = $8, kind = $9, active = $10, version = $11, updated_at = $12 WHERE id = $13`,
		s.Code, s.AreaID, s.Name.SV, s.Name.DA, s.Name.EN, s.Description.SV, s.Description.DA, s.Description.EN,
		s.Kind, s.Active, s.Version, utc(s.UpdatedAt), s.ID)
	return classify(err)
}

// BumpServiceVersion raises a service's version after a change to one of
// its activities and returns the new version.
func (q *Queries) BumpServiceVersion(ctx context.Context, id int64, now time.Time) (int, error) {
	var v int
	err := q.ex.QueryRowContext(ctx, `UPDATE services SET version = version + 1, updated_at = $1 WHERE id = $2 RETURNING version`,
		utc(now), id).Scan(&v)
	return v, classify(err)
}

const activityCols = `id, service_id, position, name_sv, name_da, name_en, description_sv, description_da, description_en,
	responsible, deadline_anchor, deadline_days, service_level, forms_sv, forms_da, forms_en, contact_sv, contact_da, contact_en`

func scanActivity(row interface{ Scan(...any) error }) (catalog.Activity, error) {
	var a catalog.Activity
	err := row.Scan(&a.ID, &a.ServiceID, &a.Position, &a.Name.SV, &a.Name.DA, &a.Name.EN, &a.Description.SV, &a.Description.DA, &a.Description.EN,
		&a.Responsible, &a.Deadline.Anchor, &a.Deadline.Days, &a.ServiceLevel, &a.Forms.SV, &a.Forms.DA, &a.Forms.EN,
		&a.Contact.SV, &a.Contact.DA, &a.Contact.EN)
	return a, classify(err)
}

// activities lists the activities of a service (0: of every service).
func (q *Queries) activities(ctx context.Context, serviceID int64) ([]catalog.Activity, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT `+activityCols+` FROM service_activities
		WHERE $1 = 0 OR service_id = $1 ORDER BY service_id, position, id`, serviceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalog.Activity
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetActivity reads one activity.
func (q *Queries) GetActivity(ctx context.Context, id int64) (catalog.Activity, error) {
	return scanActivity(q.ex.QueryRowContext(ctx, `SELECT `+activityCols+` FROM service_activities WHERE id = $1`, id))
}

// CreateActivity adds an activity; Position 0 puts it last.
func (q *Queries) CreateActivity(ctx context.Context, a catalog.Activity) (catalog.Activity, error) {
	err := q.ex.QueryRowContext(ctx, `INSERT INTO service_activities (service_id, position, name_sv, name_da, name_en,
			description_sv, description_da, description_en, responsible, deadline_anchor, deadline_days, service_level,
			forms_sv, forms_da, forms_en, contact_sv, contact_da, contact_en)
		VALUES ($1, CASE WHEN $2 > 0 THEN $2 ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM service_activities WHERE service_id = $1) END,
			$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id, position`,
		a.ServiceID, a.Position, a.Name.SV, a.Name.DA, a.Name.EN, a.Description.SV, a.Description.DA, a.Description.EN,
		a.Responsible, a.Deadline.Anchor, a.Deadline.Days, a.ServiceLevel, a.Forms.SV, a.Forms.DA, a.Forms.EN,
		a.Contact.SV, a.Contact.DA, a.Contact.EN).Scan(&a.ID, &a.Position)
	return a, classify(err)
}

// UpdateActivity writes every field of an activity but its service.
func (q *Queries) UpdateActivity(ctx context.Context, a catalog.Activity) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE service_activities SET position = $1, name_sv = $2, name_da = $3, name_en = $4,
		description_sv = $5, description_da = $6, description_en = $7, responsible = $8, deadline_anchor = $9, deadline_days = $10,
		service_level = $11, forms_sv = $12, forms_da = $13, forms_en = $14, contact_sv = $15, contact_da = $16, contact_en = $17
		WHERE id = $18`,
		a.Position, a.Name.SV, a.Name.DA, a.Name.EN, a.Description.SV, a.Description.DA, a.Description.EN,
		a.Responsible, a.Deadline.Anchor, a.Deadline.Days, a.ServiceLevel, a.Forms.SV, a.Forms.DA, a.Forms.EN,
		a.Contact.SV, a.Contact.DA, a.Contact.EN, a.ID)
	return classify(err)
}

// DeleteActivity removes an activity.
func (q *Queries) DeleteActivity(ctx context.Context, id int64) error {
	_, err := q.ex.ExecContext(ctx, `DELETE FROM service_activities WHERE id = $1`, id)
	return err
}

// ServiceVersion is a service as it was after one change.
type ServiceVersion struct {
	ServiceID int64
	Version   int
	Change    string // what changed, e.g. "activity 12 updated"
	Snapshot  string // JSON of the service with its activities
	ChangedBy int64
	ActorName string
	ChangedAt time.Time
}

// RecordServiceVersion keeps a version of a service.
func (q *Queries) RecordServiceVersion(ctx context.Context, v ServiceVersion) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO service_versions (service_id, version, change, snapshot, changed_by, actor_name, changed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, v.ServiceID, v.Version, v.Change, v.Snapshot, nullID(v.ChangedBy), v.ActorName, utc(v.ChangedAt))
	return classify(err)
}

// ServiceVersions lists the kept versions of a service, newest first.
func (q *Queries) ServiceVersions(ctx context.Context, serviceID int64) ([]ServiceVersion, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT service_id, version, change, snapshot, changed_by, actor_name, changed_at
		FROM service_versions WHERE service_id = $1 ORDER BY version DESC`, serviceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ServiceVersion
	for rows.Next() {
		var v ServiceVersion
		var by sql.NullInt64
		if err := rows.Scan(&v.ServiceID, &v.Version, &v.Change, &v.Snapshot, &by, &v.ActorName, &v.ChangedAt); err != nil {
			return nil, err
		}
		v.ChangedBy = idOf(by)
		out = append(out, v)
	}
	return out, rows.Err()
}
