//go:build windows

package testutil

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
)

// TestRemoveTreeRemovesNamesWin32WouldNormalise: names ending in a space
// or a dot, created through \\?\ paths (as the fuzz targets create them),
// are removed too; a plain path would name the stripped name instead.
func TestRemoveTreeRemovesNamesWin32WouldNormalise(t *testing.T) {
	dir, err := os.MkdirTemp("", "wincgo-removetree-*")
	require.NoError(t, err)
	ext := `\\?\` + dir
	require.NoError(t, os.Mkdir(ext+`\sub.`, 0o700))
	for _, name := range []string{`\f- `, `\f-.`, `\sub.\g `} {
		p, err := windows.UTF16PtrFromString(ext + name)
		require.NoError(t, err)
		h, err := windows.CreateFile(p, windows.GENERIC_WRITE, 0, nil, windows.CREATE_NEW, 0, 0)
		require.NoError(t, err, name)
		require.NoError(t, windows.CloseHandle(h))
	}
	_, err = os.Stat(filepath.Join(dir, "f- "))
	require.Error(t, err, "a plain path does not reach a name ending in a space: the case this test is about")

	require.NoError(t, removeTree(dir))
	_, err = os.Stat(dir)
	assert.ErrorIs(t, err, os.ErrNotExist)
}
