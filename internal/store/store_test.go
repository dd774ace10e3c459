package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

func TestMigrateIsIdempotentAndRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	if err := db.Migrate(ctx, nil); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if err := db.CheckSchema(ctx); err != nil {
		t.Fatalf("schema not current: %v", err)
	}
	future := store.SchemaVersion() + 1
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'from_the_future', $2)`, future, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	var tooNew store.ErrSchemaTooNew
	if err := db.Migrate(ctx, nil); !errors.As(err, &tooNew) || tooNew.Database != future {
		t.Fatalf("migrate on newer schema: %v", err)
	}
	if err := db.CheckSchema(ctx); !errors.As(err, &tooNew) {
		t.Fatalf("check on newer schema: %v", err)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	err := db.InTx(ctx, func(q *store.Queries) error {
		return q.AppendAudit(ctx, store.AuditEntry{At: time.Now(), Entity: "member", EntityID: 1, Action: "create", After: `{}`})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.ExecContext(ctx, `UPDATE audit_log SET action = 'forged'`); err == nil {
		t.Fatal("the audit log accepted an update")
	}
	if _, err := db.SQL.ExecContext(ctx, `DELETE FROM audit_log`); err == nil {
		t.Fatal("the audit log accepted a delete")
	}
	es, err := db.Read().ListAudit(ctx, store.AuditFilter{})
	if err != nil || len(es) != 1 || es[0].Action != "create" {
		t.Fatalf("entries %+v, %v", es, err)
	}
}

func TestTransactionRollsBack(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	boom := errors.New("boom")
	err := db.InTx(ctx, func(q *store.Queries) error {
		if err := q.PutSetting(ctx, "k", "v"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if v, _ := db.Read().Setting(ctx, "k"); v != "" {
		t.Fatalf("half-saved setting %q", v)
	}
}
