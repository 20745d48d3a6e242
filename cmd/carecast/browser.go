package main

import (
	"context"

	"github.com/carecast/carecast/internal/render"
)

// startBrowser starts the headless Chromium a command draws and prints in
// (render.Start) and returns it with the function that stops it. The
// package's tests replace it so that their commands share one Chromium
// (main_test.go): starting one is most of what a short command costs.
var startBrowser = func(ctx context.Context) (*render.Browser, func(), error) {
	b, err := render.Start(ctx)
	if err != nil {
		return nil, nil, err
	}
	return b, func() { b.Close() }, nil
}
