// Package fault is the one set of error kinds that every layer speaks:
// invalid input, not found, conflict, forbidden, unauthenticated and internal.
// The edges (web, api) turn a kind into a status code and a message; nothing
// internal leaks through them.
package fault

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an error for the edge that renders it.
type Kind int

const (
	Internal Kind = iota
	Invalid
	NotFound
	Conflict
	Forbidden
	Unauthenticated
	TooLarge
	TooMany
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not found"
	case Conflict:
		return "conflict"
	case Forbidden:
		return "forbidden"
	case Unauthenticated:
		return "unauthenticated"
	case TooLarge:
		return "too large"
	case TooMany:
		return "too many requests"
	}
	return "internal"
}

// FieldError names one field of the input and what is wrong with it.
// Code is a stable message key the web layer translates; Detail is English.
type FieldError struct {
	Field  string
	Code   string
	Detail string
}

// Error is an error with a kind, a message safe to show, and for invalid
// input the fields at fault.
type Error struct {
	Kind    Kind
	Message string
	Fields  []FieldError
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Detail
	}
	return e.Message + ": " + strings.Join(parts, "; ")
}

// KindOf returns the kind of err; errors that are not *Error are Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// As returns err as *Error if it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// New makes an error of kind k with a formatted message.
func New(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

func NotFoundf(format string, args ...any) error  { return New(NotFound, format, args...) }
func Forbiddenf(format string, args ...any) error { return New(Forbidden, format, args...) }
func Conflictf(format string, args ...any) error  { return New(Conflict, format, args...) }

// Fields collects field errors; its Err is nil while nothing was added.
type Fields []FieldError

// Add records that field is wrong; code is a message key, detail English text.
func (fs *Fields) Add(field, code, detail string) {
	*fs = append(*fs, FieldError{Field: field, Code: code, Detail: detail})
}

// Has reports whether field already has an error.
func (fs Fields) Has(field string) bool {
	for _, f := range fs {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Err returns an Invalid error listing the fields, or nil.
func (fs Fields) Err() error {
	if len(fs) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Message: "the input is not valid", Fields: fs}
}

// Field makes an Invalid error for a single field.
func Field(field, code, detail string) error {
	return &Error{Kind: Invalid, Message: "the input is not valid", Fields: []FieldError{{field, code, detail}}}
}
