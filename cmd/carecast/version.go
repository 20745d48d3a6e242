package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// versionText says which carecast this is, from the build information the
// Go toolchain records in the binary: the module's version ("(devel)" for a
// build from a checkout), and the source revision with its commit time and
// whether the working tree had uncommitted changes. A finance officer
// quotes it beside the figures so that they can be reproduced (same
// inputs, same version, same bytes: docs/methodology.md §13).
//
// The Go toolchain records the revision only when it finds the repository's
// .git folder; in a linked git worktree (.git is a file) or with
// -buildvcs=false it records none (golang/go#58218). 'make build' then
// passes the revision itself (linkRevision, linkModified), which is used
// only when the build information has none.
//
// The release is the module's version when the toolchain derived one from
// a tag (v1.2.0, or a pseudo-version past it); for a build from a
// checkout, which Go calls "(devel)", it is linkVersion, 'git describe'
// of the release tags as 'make build' passes it (v1.2.0, or
// v1.2.0-3-g0123abcd three commits on, with -dirty for uncommitted
// changes), and "(devel)" only with no tag to describe from.
func versionText(bi *debug.BuildInfo, ok bool, linkVer, linkRev, linkMod string) string {
	if !ok || bi == nil {
		bi = &debug.BuildInfo{}
	}
	v := bi.Main.Version
	if (v == "" || v == "(devel)") && linkVer != "" {
		v = linkVer
	}
	if v == "" {
		v = "(devel)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "carecast %s", v)
	if bi.Main.Path != "" {
		fmt.Fprintf(&b, "\nmodule %s", bi.Main.Path)
	}
	var rev, at, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" && linkRev != "" {
		rev, at, modified = linkRev, "", linkMod
	}
	switch {
	case rev == "":
		b.WriteString("\nrevision unknown (built without version control information)")
	default:
		fmt.Fprintf(&b, "\nrevision %s", rev)
		if at != "" {
			fmt.Fprintf(&b, " of %s", at)
		}
		if modified == "true" {
			b.WriteString(", with uncommitted changes")
		}
	}
	if bi.GoVersion != "" {
		fmt.Fprintf(&b, "\nbuilt with %s", bi.GoVersion)
	}
	return b.String()
}

// linkVersion, linkRevision and linkModified are set by 'make build' (go
// build -ldflags "-X main.linkVersion=v1.2.0 -X main.linkRevision=...
// -X main.linkModified=true"): git describe of the release tags, the git
// revision and whether tracked files had uncommitted changes.
var linkVersion, linkRevision, linkModified string

// buildVersion is versionText of this binary.
func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	return versionText(bi, ok, linkVersion, linkRevision, linkModified)
}
