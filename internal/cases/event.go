package cases

import (
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// EventKind is what happened on a case's timeline.
type EventKind string

const (
	MessageEvent    EventKind = "message"    // from the member side to the centre
	ReplyEvent      EventKind = "reply"      // from the centre to the member
	NoteEvent       EventKind = "note"       // internal note among centre staff
	StatusEvent     EventKind = "status"     // status change
	AssignEvent     EventKind = "assignment" // team or assignee changed
	HandOverEvent   EventKind = "handover"   // passed to another line or team with a reason
	UpdateEvent     EventKind = "update"     // type, service, priority, tags, subject … changed
	LinkEvent       EventKind = "link"       // related case linked or unlinked
	MergeEvent      EventKind = "merge"      // duplicate merged into another case
	AttachmentEvent EventKind = "attachment" // file added on its own
)

// EventKinds lists every kind.
var EventKinds = []EventKind{MessageEvent, ReplyEvent, NoteEvent, StatusEvent, AssignEvent, HandOverEvent,
	UpdateEvent, LinkEvent, MergeEvent, AttachmentEvent}

// Visibility says who sees an event or message.
type Visibility string

const (
	// External events are seen by the member side too.
	External Visibility = "external"
	// InternalOnly events are seen by centre staff only: notes, hand-over
	// reasons, links, tags.
	InternalOnly Visibility = "internal"
)

// Valid reports whether v is known.
func (v Visibility) Valid() bool { return v == External || v == InternalOnly }

// Change is one field's change recorded on the timeline. From and To are
// display values (names, not ids) except where the field is an id.
type Change struct {
	Field string `json:"field"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
}

// Event is one entry of a case's timeline.
type Event struct {
	ID         int64
	CaseID     int64
	Kind       EventKind
	Visibility Visibility
	AuthorID   int64 // 0 for the system
	AuthorName string
	OnBehalfOf int64 // the principal when a substitute acted
	Channel    Channel
	Body       string
	Changes    []Change
	MessageID  string // the e-mail Message-ID of a message that came or went by mail
	CreatedAt  time.Time

	Attachments []Attachment
}

// HasText reports whether the event carries a message text.
func (e Event) HasText() bool {
	return e.Kind == MessageEvent || e.Kind == ReplyEvent || e.Kind == NoteEvent || e.Kind == HandOverEvent
}

// Attachment describes a stored file (not its bytes).
type Attachment struct {
	ID          int64
	CaseID      int64
	EventID     int64
	Filename    string
	ContentType string // sniffed from the bytes, never the client's word
	Size        int64
	SHA256      string // hex
	CreatedAt   time.Time
}

// MaxFilename is the longest file name kept, in bytes.
const MaxFilename = 150

// SanitiseFilename makes a client's file name safe to store and to offer
// back: the last path element only, no control characters, quotes,
// separators or leading dots, at most MaxFilename bytes with the extension
// kept. An empty result becomes "attachment".
func SanitiseFilename(name string) string {
	name = strings.ReplaceAll(CleanText(name), "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r) || unicode.IsSpace(r) && r != ' ':
			return ' '
		case strings.ContainsRune(`"'/\:*?<>|;%`+"`", r):
			return '_'
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	name = strings.TrimLeft(name, ". ")
	if len(name) > MaxFilename {
		ext := path.Ext(name)
		if len(ext) > 16 || !utf8.ValidString(ext) {
			ext = ""
		}
		base := name[:MaxFilename-len(ext)]
		for !utf8.ValidString(base) {
			base = base[:len(base)-1]
		}
		name = base + ext
	}
	if name == "" || name == "." || name == ".." {
		return "attachment"
	}
	return name
}
