package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

const (
	// fetchBatch is how many messages one FETCH asks for.
	fetchBatch = 20
	// maxPerPoll bounds one poll of one mailbox; the rest waits for the next.
	maxPerPoll = 500
)

// Poll reads every configured mailbox once and stores what is new. A
// mailbox that fails does not stop the others; the errors are returned
// together.
func (s *Service) Poll(ctx context.Context) error {
	var errs []error
	for _, mb := range s.cfg.Mailboxes {
		n, err := s.PollMailbox(ctx, mb)
		if err != nil {
			errs = append(errs, fmt.Errorf("mailbox %s: %w", mb.Name, err))
			continue
		}
		if n > 0 {
			s.log.Info("mail fetched", "mailbox", mb.Name, "new", n)
		}
	}
	return errors.Join(errs...)
}

// PollMailbox stores the messages of mb that arrived since the last poll
// and returns how many it stored. The read position (UIDVALIDITY and last
// UID) is saved in the transaction that stores each message, so a restart
// neither loses nor refetches one; should the server renumber the mailbox,
// everything is read again and the Message-ID keeps it from being stored
// twice. Stored messages are moved to mb.MoveTo, or else marked \Seen.
func (s *Service) PollMailbox(ctx context.Context, mb MailboxConfig) (int, error) {
	c, err := dialIMAP(mb)
	if err != nil {
		return 0, fmt.Errorf("connect: %w", err)
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()

	if err := c.Login(mb.Username, mb.Password).Wait(); err != nil {
		return 0, fmt.Errorf("log in as %s: %w", mb.Username, err)
	}
	sel, err := c.Select(mb.Folder, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("select %s: %w", mb.Folder, err)
	}
	validity, last, err := s.db.Read().MailCursor(ctx, mb.Name)
	if err != nil {
		return 0, err
	}
	if validity != int64(sel.UIDValidity) {
		if validity != 0 {
			s.log.Warn("mailbox renumbered: reading it again", "mailbox", mb.Name,
				"old_uidvalidity", validity, "new_uidvalidity", sel.UIDValidity)
		}
		validity, last = int64(sel.UIDValidity), 0
	}
	if sel.NumMessages == 0 {
		return 0, nil
	}
	var set imap.UIDSet
	set.AddRange(imap.UID(last+1), 0) // last+1:*
	found, err := c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	var uids []imap.UID
	for _, u := range found.AllUIDs() {
		// "N:*" always matches the newest message, even below N.
		if int64(u) > last {
			uids = append(uids, u)
		}
	}
	slices.Sort(uids)
	if len(uids) > maxPerPoll {
		uids = uids[:maxPerPoll]
	}
	stored := 0
	for batch := range slices.Chunk(uids, fetchBatch) {
		msgs, err := c.Fetch(imap.UIDSetNum(batch...), &imap.FetchOptions{
			UID:          true,
			InternalDate: true,
			BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
		}).Collect()
		if err != nil {
			return stored, fmt.Errorf("fetch: %w", err)
		}
		slices.SortFunc(msgs, func(a, b *imapclient.FetchMessageBuffer) int { return int(a.UID) - int(b.UID) })
		var done imap.UIDSet
		for _, m := range msgs {
			raw := m.FindBodySection(&imap.FetchItemBodySection{Peek: true})
			if raw == nil || int64(m.UID) <= last {
				continue
			}
			received := m.InternalDate
			if received.IsZero() {
				received = s.now()
			}
			pos := &cursor{mailbox: mb.Name, uidValidity: validity, uid: int64(m.UID)}
			if _, inserted, err := s.deliver(ctx, mb.Name, raw, received, pos); err != nil {
				return stored, err
			} else if inserted {
				stored++
			}
			last = int64(m.UID)
			done.AddNum(m.UID)
		}
		if len(done) > 0 {
			s.markDone(c, mb, done)
		}
	}
	if err := c.Logout().Wait(); err != nil && ctx.Err() == nil {
		s.log.Debug("imap logout", "mailbox", mb.Name, "err", err)
	}
	return stored, ctx.Err()
}

// markDone moves or flags stored messages. A failure here loses nothing
// (the read position already skips them), so it is only logged.
func (s *Service) markDone(c *imapclient.Client, mb MailboxConfig, done imap.UIDSet) {
	var err error
	if mb.MoveTo != "" {
		_, err = c.Move(done, mb.MoveTo).Wait()
	} else {
		err = c.Store(done, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close()
	}
	if err != nil {
		s.log.Warn("mark fetched messages", "mailbox", mb.Name, "move_to", mb.MoveTo, "err", err)
	}
}

func dialIMAP(mb MailboxConfig) (*imapclient.Client, error) {
	addr := net.JoinHostPort(mb.Host, strconv.Itoa(mb.Port))
	opts := &imapclient.Options{
		TLSConfig: mb.TLSConfig,
		Dialer:    &net.Dialer{Timeout: 30 * time.Second},
	}
	var c *imapclient.Client
	var err error
	switch mb.TLS {
	case TLSStart:
		c, err = imapclient.DialStartTLS(addr, opts)
	case TLSNone:
		c, err = imapclient.DialInsecure(addr, opts)
	default:
		c, err = imapclient.DialTLS(addr, opts)
	}
	if err != nil {
		return nil, err
	}
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}
