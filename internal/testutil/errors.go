//go:build windows

package testutil

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// RequireInputError asserts that err is an *errors.InputError about the
// parameter name. InputErrorOf does the same and returns it, for a test
// that checks more of it.
func RequireInputError(t testing.TB, err error, name string) {
	t.Helper()
	_ = InputErrorOf(t, err, name)
}

// InputErrorOf asserts that err is an *errors.InputError about the
// parameter name, and returns it.
func InputErrorOf(t testing.TB, err error, name string) *wincgoerrors.InputError {
	t.Helper()
	var inputErr *wincgoerrors.InputError
	require.ErrorAs(t, err, &inputErr)
	assert.Equal(t, name, inputErr.Name)
	return inputErr
}

// RequireAPIError asserts that err is the *errors.WindowsAPIError of the
// Windows function named function, carrying code. APIErrorOf does the same
// and returns it, for a test that checks more of it.
func RequireAPIError(t testing.TB, err error, function string, code error) {
	t.Helper()
	_ = APIErrorOf(t, err, function, code)
}

// APIErrorOf asserts that err is the *errors.WindowsAPIError of the
// Windows function named function, carrying code, and returns it.
func APIErrorOf(t testing.TB, err error, function string, code error) *wincgoerrors.WindowsAPIError {
	t.Helper()
	var apiErr *wincgoerrors.WindowsAPIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, function, apiErr.Function)
	assert.ErrorIs(t, err, code, "got %v", err)
	return apiErr
}
