package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestSimulateFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want simulateOptions
	}{
		{nil, simulateOptions{Runs: 10000, Seed: 1}},
		{[]string{"in.xlsx", "--json", "--runs", "500", "--seed", "42"}, simulateOptions{Input: "in.xlsx", JSON: true, Runs: 500, Seed: 42}},
		{[]string{"-n", "7", "folder/"}, simulateOptions{Input: "folder/", Runs: 7, Seed: 1}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got simulateOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newSimulateCmd(io, func(o *simulateOptions, _ *streams) error { got = *o; return nil })
			cmd.SetArgs(c.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// The JSON has exactly the keys of the contract.
func TestSimulateJSON(t *testing.T) {
	code, stdout, stderr := runCmd(t, false, "simulate", "--runs", "300", "--seed", "9", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr not empty when piped: %q", stderr)
	}
	var top map[string]any
	if err := json.Unmarshal([]byte(stdout), &top); err != nil {
		t.Fatal(err)
	}
	if got, want := keysOf(top), []string{"councils", "npv", "probability_of_loss", "runs", "savings", "seed"}; !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	if top["runs"] != 300.0 || top["seed"] != 9.0 {
		t.Errorf("runs %v seed %v, want 300 and 9", top["runs"], top["seed"])
	}
	if p, ok := top["probability_of_loss"].(float64); !ok || p < 0 || p > 1 {
		t.Errorf("probability_of_loss %#v, want a number from 0 to 1", top["probability_of_loss"])
	}
	checkPercentiles := func(what string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: %#v, want an object", what, v)
		}
		if got, want := keysOf(m), []string{"mean", "p10", "p50", "p90"}; !slices.Equal(got, want) {
			t.Errorf("%s keys %v, want %v", what, got, want)
		}
		for k, x := range m {
			if s, ok := x.(string); !ok || !twoDecimals.MatchString(s) {
				t.Errorf("%s %s = %#v, want a string with two decimals", what, k, x)
			}
		}
	}
	checkPercentiles("savings", top["savings"])
	checkPercentiles("npv", top["npv"])
	councils := top["councils"].([]any)
	if len(councils) != 8 {
		t.Fatalf("%d councils, want the built-in 8", len(councils))
	}
	for _, c := range councils {
		m := c.(map[string]any)
		if got, want := keysOf(m), []string{"code", "npv", "savings"}; !slices.Equal(got, want) {
			t.Errorf("council keys %v, want %v", got, want)
		}
		checkPercentiles("council savings", m["savings"])
		checkPercentiles("council npv", m["npv"])
	}
}

// The same seed, the same output, with GOMAXPROCS 1 and 2, in every form.
func TestSimulateSameSeedAnyCores(t *testing.T) {
	for _, form := range [][]string{{"--json"}, {}} {
		var outs []string
		for _, procs := range []int{1, 2, 1} {
			prev := runtime.GOMAXPROCS(procs)
			code, stdout, stderr := runCmd(t, false, append([]string{"simulate", "--runs", "2000", "--seed", "5"}, form...)...)
			runtime.GOMAXPROCS(prev)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			outs = append(outs, stdout)
		}
		if outs[0] != outs[1] || outs[1] != outs[2] {
			t.Errorf("%v: output differs between GOMAXPROCS 1 and 2", form)
		}
	}
}

func TestSimulateText(t *testing.T) {
	code, stdout, _ := runCmd(t, true, "simulate", "--runs", "500")
	for _, want := range []string{"500 runs, seed 1", "Probability that savings are negative", "By council", "Havering", "2027-03-31", "Distributions"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCmd(t, false, "simulate", "--runs", "500")
	lines := strings.Split(stdout, "\n")
	for _, want := range []string{"# fan", "month_end\tp10\tp25\tp50\tp75\tp90\tforecast", "runs\t500"} {
		if code != 0 || !slices.Contains(lines, want) {
			t.Errorf("tab-separated output lacks %q", want)
		}
	}
	// The fan month by month: 96 months after its header.
	i := slices.Index(lines, "month_end\tp10\tp25\tp50\tp75\tp90\tforecast")
	if i < 0 || !strings.HasPrefix(lines[i+96], "2027-03-31\t") {
		t.Errorf("the fan does not run to 2027-03-31 in 96 lines")
	}
}
