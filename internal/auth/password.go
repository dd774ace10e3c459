// Package auth holds the credentials machinery: password hashing, random
// tokens and their hashes, and the OIDC client. Deciding who may do what is
// not here but in package app.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"

	"github.com/alexedwards/argon2id"
)

// PasswordParams are the argon2id parameters for new hashes: OWASP's
// recommended minimum (19 MiB of memory, 2 passes, 1 lane). A hash costs
// about 30-40 ms of one core on the 2-core machines we run on, which keeps
// a sign-in fast and a stolen hash expensive to attack. Existing hashes
// carry their own parameters, so these can be raised later.
var PasswordParams = &argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// ErrWeakPassword is returned for passwords that are too short.
var ErrWeakPassword = errors.New("the password must be at least 10 characters")

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(pw string) (string, error) {
	if len([]rune(pw)) < MinPasswordLength {
		return "", ErrWeakPassword
	}
	return argon2id.CreateHash(pw, PasswordParams)
}

// dummyHash is compared against when the account does not exist, so an
// unknown e-mail address takes as long as a wrong password.
var dummyHash, _ = argon2id.CreateHash("no such account here", PasswordParams)

// CheckPassword reports whether pw matches hash. An empty hash (no local
// password) never matches, but costs the same time.
func CheckPassword(pw, hash string) bool {
	if hash == "" {
		argon2id.ComparePasswordAndHash(pw, dummyHash)
		return false
	}
	ok, err := argon2id.ComparePasswordAndHash(pw, hash)
	return err == nil && ok
}

// NewToken returns a random token with a prefix and its SHA-256 hash; only
// the hash is stored.
func NewToken(prefix string) (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the stored form of a token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RandomString returns n random bytes, URL-safe encoded (states, nonces).
func RandomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
