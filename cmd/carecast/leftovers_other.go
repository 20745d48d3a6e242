//go:build !unix

package main

// stopLeftovers does nothing where there is no /proc to find the
// browser's helpers in.
func stopLeftovers(dir string) {}
