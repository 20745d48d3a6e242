package main

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/internal/testtools"
)

// TestMain lets the test binary stand in for other programs. Started as
// a browser (with --remote-debugging-pipe) and CARECAST_TEST_CHROMIUM
// set, it is a Chromium that starts and never answers (fakeChromium). With CARECAST_TEST_AS=carecast it runs the command line
// of its arguments as the carecast program does (main, with its signal
// handling), for tests that signal a process. Otherwise it runs the tests,
// whose commands share one Chromium (sharedBrowser), stopped at the end.
func TestMain(m *testing.M) {
	if os.Getenv("CARECAST_TEST_CHROMIUM") != "" && slices.ContainsFunc(os.Args, func(a string) bool {
		return strings.HasPrefix(a, "--remote-debugging-")
	}) {
		fakeChromium()
		os.Exit(0)
	}
	if os.Getenv("CARECAST_TEST_AS") == "carecast" {
		os.Args = append([]string{"carecast"}, os.Args[1:]...)
		main()
	}
	ownBrowser := startBrowser
	startBrowser = func(ctx context.Context) (*render.Browser, func(), error) {
		return sharedBrowser(ctx, ownBrowser)
	}
	os.Exit(testtools.Main(m))
}

// sharedBrowser stands in for a command's start of Chromium in the tests
// (startBrowser): the commands draw and print in the package's shared
// Chromium (testtools.SharedBrowser), in a tab of their own, and leave it
// running when they are done. A test that names a browser of its own in
// CARECAST_CHROMIUM (one that hangs, or none) gets it started as the
// command starts it (own): that start, its deadline and its clean-up are
// what such a test checks. So does a command the tests run in a process
// of its own (CARECAST_TEST_AS), which starts Chromium as carecast does.
func sharedBrowser(ctx context.Context, own func(context.Context) (*render.Browser, func(), error)) (*render.Browser, func(), error) {
	if os.Getenv("CARECAST_CHROMIUM") != "" {
		return own(ctx)
	}
	b, err := testtools.SharedBrowser()
	if err != nil {
		return nil, nil, err
	}
	return b, func() {}, nil
}

// fakeChromium is a Chromium that starts and then never answers: it
// reads nothing from the DevTools pipe carecast opens to it and writes
// nothing back. It runs until killed.
func fakeChromium() {
	select {}
}
