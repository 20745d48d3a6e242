package inputs

// The external tests (package inputs_test) share the internal tests'
// scenario dump.
var Dump = dump
