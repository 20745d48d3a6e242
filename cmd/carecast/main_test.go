package main

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for other programs. Started as
// a browser (with --remote-debugging-pipe) and CARECAST_TEST_CHROMIUM
// set, it is a Chromium that starts and never answers (fakeChromium). With CARECAST_TEST_AS=carecast it runs the command line
// of its arguments as the carecast program does (main, with its signal
// handling), for tests that signal a process.
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
	os.Exit(m.Run())
}

// fakeChromium is a Chromium that starts and then never answers: it
// reads nothing from the DevTools pipe carecast opens to it and writes
// nothing back. It runs until killed.
func fakeChromium() {
	select {}
}
