package main

import (
	"context"
	"sync/atomic"

	"github.com/carecast/carecast/internal/render"
)

// startBrowser starts the headless Chromium a command draws and prints in
// (render.Start) and returns it with the function that stops it. The
// package's tests replace it so that their commands share one Chromium
// (main_test.go): starting one is most of what a short command costs.
var startBrowser = func(ctx context.Context) (*render.Browser, func(), error) {
	browserStarted.Store(true)
	b, err := render.Start(ctx)
	if err != nil {
		return nil, nil, err
	}
	return b, func() { b.Close() }, nil
}

// browserStarted is set once the run has started a browser, whose
// helpers runProcess makes sure are gone (stopLeftovers) as it ends.
var browserStarted atomic.Bool
