package render

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindChromiumSaysWhatToInstall(t *testing.T) {
	saved := chromiumCandidates
	t.Cleanup(func() { chromiumCandidates = saved })
	chromiumCandidates = []string{filepath.Join(t.TempDir(), "no-chromium-here")}
	for _, c := range []struct{ name, env string }{
		{"none installed", ""},
		{"CARECAST_CHROMIUM names nothing", filepath.Join(t.TempDir(), "missing-browser")},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("CARECAST_CHROMIUM", c.env)
			_, err := FindChromium()
			if !errors.Is(err, ErrNoChromium) {
				t.Fatalf("got %v, want ErrNoChromium", err)
			}
			if !strings.Contains(err.Error(), "Debian package chromium") || !strings.Contains(err.Error(), "apt-get install chromium") {
				t.Errorf("the message %q does not name the package to install", err)
			}
		})
	}
}
