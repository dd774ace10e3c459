package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// MaxAttachmentsPerMessage bounds the files of one message.
const MaxAttachmentsPerMessage = 20

// preparedFile is an attachment checked, named and sniffed.
type preparedFile struct {
	name, contentType, sha string
	data                   []byte
}

// prepareFiles checks the size of every file (TooLarge over the limit),
// sanitises the names and sniffs the content type from the bytes: the
// client's word for it is never taken.
func prepareFiles(in []NewAttachment, max int64, fs *fault.Fields) ([]preparedFile, error) {
	if len(in) > MaxAttachmentsPerMessage {
		fs.Add("attachments", "too_many", fmt.Sprintf("at most %d files at a time", MaxAttachmentsPerMessage))
		return nil, nil
	}
	var out []preparedFile
	for _, f := range in {
		if int64(len(f.Data)) > max {
			return nil, fault.New(fault.TooLarge, "%s is larger than the limit of %s", cases.SanitiseFilename(f.Filename), byteSize(max))
		}
		if len(f.Data) == 0 {
			fs.Add("attachments", "empty_file", cases.SanitiseFilename(f.Filename)+" is empty")
			continue
		}
		sum := sha256.Sum256(f.Data)
		out = append(out, preparedFile{name: cases.SanitiseFilename(f.Filename), contentType: sniff(f.Data),
			sha: hex.EncodeToString(sum[:]), data: f.Data})
	}
	return out, nil
}

// sniff decides a file's type from its first bytes. Whatever it says is
// served as an attachment with nosniff; HTML and scripts are never offered
// inline.
func sniff(data []byte) string {
	ct := http.DetectContentType(data)
	if strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "text/xml") {
		return "text/plain; charset=utf-8"
	}
	return ct
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (a *App) storeFile(ctx context.Context, q *store.Queries, caseID, eventID int64, f preparedFile, now time.Time) (cases.Attachment, error) {
	return q.AddAttachment(ctx, store.AttachmentFile{Attachment: cases.Attachment{CaseID: caseID, EventID: eventID,
		Filename: f.name, ContentType: f.contentType, Size: int64(len(f.data)), SHA256: f.sha, CreatedAt: now}, Data: f.data})
}

// AddAttachment adds files to a case on their own (not with a message).
// Member-side users' files are always external; centre staff choose
// (default external).
func (a *App) AddAttachment(ctx context.Context, by Actor, caseID int64, vis cases.Visibility, files []NewAttachment) (cases.Event, error) {
	if err := caseActor(by); err != nil {
		return cases.Event{}, err
	}
	if vis == "" || !by.IsCentre() {
		vis = cases.External
	}
	if !vis.Valid() {
		return cases.Event{}, fault.Field("visibility", "visibility", "visibility must be external or internal")
	}
	if len(files) == 0 {
		return cases.Event{}, fault.Field("attachments", "required", "choose a file")
	}
	cfg, err := a.caseConfig(ctx, a.db.Read())
	if err != nil {
		return cases.Event{}, err
	}
	var fs fault.Fields
	prepared, err := prepareFiles(files, cfg.maxAttachment, &fs)
	if err != nil {
		return cases.Event{}, err
	}
	if err := fs.Err(); err != nil {
		return cases.Event{}, err
	}
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return cases.Event{}, err
	}
	now, _ := a.caseNow(ctx)
	var ev cases.Event
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		c, err := lockVisible(ctx, q, scope, caseID)
		if err != nil {
			return err
		}
		au := authorOf(by)
		ev, err = q.AddCaseEvent(ctx, cases.Event{CaseID: c.ID, Kind: cases.AttachmentEvent, Visibility: vis,
			AuthorID: au.id, AuthorName: au.name, OnBehalfOf: au.onBehalfOf, CreatedAt: now})
		if err != nil {
			return err
		}
		var names []string
		for _, f := range prepared {
			att, err := a.storeFile(ctx, q, c.ID, ev.ID, f, now)
			if err != nil {
				return err
			}
			ev.Attachments = append(ev.Attachments, att)
			names = append(names, att.Filename)
		}
		if err := a.touch(ctx, q, c, now); err != nil {
			return err
		}
		if err := q.ReindexCase(ctx, c.ID); err != nil {
			return err
		}
		return a.audit(ctx, q, by, c.MemberID, "case", c.ID, "attach", nil, map[string]any{"files": names, "visibility": vis})
	})
	return ev, err
}

// AttachmentFile is an attachment with its bytes, for download. Serve it
// with Content-Disposition: attachment, its ContentType and
// X-Content-Type-Options: nosniff.
type AttachmentFile = store.AttachmentFile

// Attachment reads a file of a case the actor may see; member-side users
// get only files of what they may see on the timeline.
func (a *App) Attachment(ctx context.Context, by Actor, id int64) (AttachmentFile, error) {
	if err := caseActor(by); err != nil {
		return AttachmentFile{}, err
	}
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return AttachmentFile{}, err
	}
	q := a.db.Read()
	f, vis, err := q.GetAttachment(ctx, id)
	if err != nil {
		return AttachmentFile{}, notFound(err, "attachment")
	}
	if !by.IsCentre() && vis != cases.External {
		return AttachmentFile{}, fault.NotFoundf("attachment not found")
	}
	c, err := q.GetCase(ctx, f.CaseID)
	if err != nil || !sees(scope, c) {
		return AttachmentFile{}, fault.NotFoundf("attachment not found")
	}
	return f, nil
}
