package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"time"

	"samverkan/internal/fault"
)

// maxBody caps a request body even when the server in front sets no limit.
const maxBody = 1 << 20

// decode reads one JSON object from the request body into v. Unknown
// fields and values of the wrong type are invalid input naming the field;
// anything that is not JSON at all is a bad request.
func decode(r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return status(http.StatusUnsupportedMediaType, "the request body must be JSON, sent with Content-Type: application/json")
	}
	d := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBody))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return decodeError(err)
	}
	var extra json.RawMessage
	if err := d.Decode(&extra); err != io.EOF {
		return status(http.StatusBadRequest, "the request body must hold exactly one JSON object")
	}
	return nil
}

func decodeError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return err
	case errors.As(err, &syntax):
		return status(http.StatusBadRequest, fmt.Sprintf("the request body is not valid JSON (at byte %d): %v", syntax.Offset, syntax))
	case errors.Is(err, io.EOF):
		return status(http.StatusBadRequest, "the request body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return status(http.StatusBadRequest, "the request body is not valid JSON: it ends too early")
	case errors.As(err, &typ) && typ.Field == "":
		return status(http.StatusBadRequest, "the request body must be a JSON object")
	case errors.As(err, &typ):
		if typ.Value == "null" {
			return fault.Field(typ.Field, "not_null", "must not be null")
		}
		return fault.Field(typ.Field, "type", "must be "+describe(typ.Type))
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fault.Field(strings.Trim(name, `"`), "unknown_field", "unknown field")
	}
	return status(http.StatusBadRequest, "the request body could not be read as JSON")
}

// describe says in words what a value of type t looks like in JSON.
func describe(t reflect.Type) string {
	if t == reflect.TypeFor[date]() {
		return "a date in the form YYYY-MM-DD"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return describe(t.Elem())
	}
	return "an object"
}

// opt is an input field that may be left out; Set tells whether it was
// sent. It may not be null: use nullable for values that can be cleared.
type opt[T any] struct {
	Set bool
	V   T
}

func (o *opt[T]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return &json.UnmarshalTypeError{Value: "null", Type: reflect.TypeFor[T]()}
	}
	o.Set = true
	return strict(b, &o.V)
}

// to copies the value to dst if it was sent.
func (o opt[T]) to(dst *T) {
	if o.Set {
		*dst = o.V
	}
}

// nullable is an input field that may be left out or sent as null, which
// clears it (to the zero value).
type nullable[T any] struct {
	Set bool
	V   T
}

func (n *nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	if string(b) == "null" {
		var zero T
		n.V = zero
		return nil
	}
	return strict(b, &n.V)
}

func (n nullable[T]) to(dst *T) {
	if n.Set {
		*dst = n.V
	}
}

// strict decodes b into v refusing unknown fields (nested objects too).
func strict(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// date is a calendar day written YYYY-MM-DD.
type date struct{ time.Time }

func (d *date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &json.UnmarshalTypeError{Value: "non-string", Type: reflect.TypeFor[date]()}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return &json.UnmarshalTypeError{Value: "string " + s, Type: reflect.TypeFor[date]()}
	}
	d.Time = t
	return nil
}
