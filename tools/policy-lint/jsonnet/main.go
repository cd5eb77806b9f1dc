// go-jsonnet (the Jsonnet implementation ecspresso embeds, at the version ecspresso v2.5.0 uses)
// compiled to WebAssembly for doppio-lint. It evaluates an ecspresso config or definition the way
// ecspresso does, with one difference: what comes from outside the file — ecspresso's native
// functions (`env`, `must_env`), a plugin's (`tfstate`, `ssm`, …), `std.extVar` — is not looked
// up but recorded, and evaluates to a marker string naming the call, so the linter can follow it
// (a variable the workflow sets) or know it is unknown (a lookup).
//
// Built by ../build-jsonnet.mjs: GOOS=js GOARCH=wasm go build -trimpath.
package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"syscall/js"

	"github.com/google/go-jsonnet"
	"github.com/google/go-jsonnet/ast"
	"github.com/google/go-jsonnet/toolutils"
)

// A recorded call's marker: U+E000, its index in Response.Calls, U+E001 (private-use characters,
// which no config holds).
const markOpen, markClose = "\ue000", "\ue001"

type request struct {
	Filename string `json:"filename"`
	Source   string `json:"source"`
}

type call struct {
	Func string   `json:"func"`
	Args []string `json:"args"`
}

type location struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
}

type response struct {
	// The evaluated JSON, markers in its strings; empty when evaluation failed.
	JSON  string `json:"json"`
	Calls []call `json:"calls"`
	// Files imported, by the path the importer gave them.
	Imports []string `json:"imports"`
	// A syntax error of the file itself: ecspresso cannot read it either.
	Syntax *struct {
		Message string   `json:"message"`
		At      location `json:"at"`
	} `json:"syntax,omitempty"`
	// Why evaluation failed otherwise (often a value it needs from outside, such as a lookup's).
	Error string `json:"error,omitempty"`
}

// ecspresso's own native functions (jsonnet.go of ecspresso v2): their parameters.
var ecspressoNatives = map[string][]string{
	"env":      {"name", "default"},
	"must_env": {"name"},
}

const maxAttempts = 8

var undefinedExtVar = regexp.MustCompile(`Undefined external variable: (\S+)`)

func evaluate(req request, importFile js.Value) (res response) {
	res.Calls = []call{}
	res.Imports = []string{}
	if _, err := jsonnet.SnippetToAST(req.Filename, req.Source); err != nil {
		if static, ok := err.(interface{ Loc() ast.LocationRange }); ok {
			loc := static.Loc()
			res.Syntax = &struct {
				Message string   `json:"message"`
				At      location `json:"at"`
			}{err.Error(), location{loc.Begin.Line, loc.Begin.Column, loc.End.Line, loc.End.Column}}
			return res
		}
		res.Error = err.Error()
		return res
	}
	sources := map[string]string{req.Filename: req.Source}
	natives := map[string]int{}
	extVars := map[string]bool{}
	discover(sources, natives)
	for attempt := 0; attempt < maxAttempts; attempt++ {
		calls := []call{}
		record := func(name string, args []interface{}) interface{} {
			text := make([]string, len(args))
			for i, a := range args {
				if s, ok := a.(string); ok {
					text[i] = s
				} else {
					text[i] = fmt.Sprint(a)
				}
			}
			calls = append(calls, call{name, text})
			return markOpen + strconv.Itoa(len(calls)-1) + markClose
		}
		vm := jsonnet.MakeVM()
		imports := &importer{fn: importFile, sources: sources, found: []string{}}
		vm.Importer(imports)
		for name, params := range ecspressoNatives {
			vm.NativeFunction(native(name, params, record))
		}
		for name, arity := range natives {
			if _, own := ecspressoNatives[name]; own {
				continue
			}
			params := make([]string, arity)
			for i := range params {
				params[i] = "arg" + strconv.Itoa(i)
			}
			vm.NativeFunction(native(name, params, record))
		}
		for _, name := range sortedKeys(extVars) {
			vm.ExtVar(name, record("extVar", []interface{}{name}).(string))
		}
		// As ecspresso does: the file is read through the importer, imports resolve from its directory.
		out, err := vm.EvaluateFile(req.Filename)
		res.Imports = imports.found
		if err == nil {
			res.JSON = out
			res.Calls = calls
			res.Error = ""
			return res
		}
		res.Error = err.Error()
		// Try again when the failure may be one of ours: an external variable not set, or
		// natives called in a file imported since.
		grown := discover(sources, natives)
		if m := undefinedExtVar.FindStringSubmatch(err.Error()); m != nil && !extVars[m[1]] {
			extVars[m[1]] = true
			grown = true
		}
		if !grown {
			return res
		}
	}
	return res
}

// discover adds the natives the sources call to natives; true when it added or widened one.
func discover(sources map[string]string, natives map[string]int) bool {
	grown := false
	for _, path := range sortedKeys(sources) {
		for name, arity := range nativesCalled(path, sources[path]) {
			if known, ok := natives[name]; !ok || arity > known {
				natives[name] = arity
				grown = true
			}
		}
	}
	return grown
}

func native(name string, params []string, record func(string, []interface{}) interface{}) *jsonnet.NativeFunction {
	ids := make(ast.Identifiers, len(params))
	for i, p := range params {
		ids[i] = ast.Identifier(p)
	}
	return &jsonnet.NativeFunction{
		Name:   name,
		Params: ids,
		Func:   func(args []interface{}) (interface{}, error) { return record(name, args), nil },
	}
}

// importer asks the linter for each imported file (it resolves the path from the importing file's
// directory and reads only files inside the repository).
type importer struct {
	fn      js.Value
	sources map[string]string
	found   []string
}

func (i *importer) Import(importedFrom, importedPath string) (jsonnet.Contents, string, error) {
	r := i.fn.Invoke(importedFrom, importedPath)
	if r.IsNull() || r.IsUndefined() {
		return jsonnet.Contents{}, "", fmt.Errorf("couldn't open import %q: no such file in the repository", importedPath)
	}
	path, text := r.Get("path").String(), r.Get("contents").String()
	i.sources[path] = text
	i.found = append(i.found, path)
	return jsonnet.MakeContents(text), path, nil
}

// nativesCalled lists the native functions a file reaches through std.native, with the number of
// arguments they are called with (1 when no call is in sight): `std.native('x')(a)` and
// `local x = std.native('x'); x(a, b)`.
func nativesCalled(filename, source string) map[string]int {
	found := map[string]int{}
	root, err := jsonnet.SnippetToAST(filename, source)
	if err != nil {
		return found
	}
	bound := map[ast.Identifier]string{}
	var walk func(node ast.Node)
	walk = func(node ast.Node) {
		if node == nil {
			return
		}
		if local, ok := node.(*ast.Local); ok {
			for _, bind := range local.Binds {
				if name, ok := nativeName(bind.Body); ok && bind.Fun == nil {
					bound[bind.Variable] = name
				}
			}
		}
		if name, ok := nativeName(node); ok {
			if _, seen := found[name]; !seen {
				found[name] = 1
			}
		}
		if apply, ok := node.(*ast.Apply); ok {
			arity := len(apply.Arguments.Positional) + len(apply.Arguments.Named)
			name, direct := nativeName(apply.Target)
			if v, isVar := apply.Target.(*ast.Var); !direct && isVar {
				name, direct = bound[v.Id]
			}
			if direct {
				found[name] = arity
			}
		}
		for _, child := range toolutils.Children(node) {
			walk(child)
		}
	}
	walk(root)
	return found
}

// nativeName is the name of `std.native('name')`.
func nativeName(node ast.Node) (string, bool) {
	apply, ok := node.(*ast.Apply)
	if !ok || len(apply.Arguments.Positional) != 1 {
		return "", false
	}
	// The AST is desugared: `std.native` is an index by a string literal, `std` may be `$std`.
	index, ok := apply.Target.(*ast.Index)
	if !ok {
		return "", false
	}
	field, isLiteral := index.Index.(*ast.LiteralString)
	if (index.Id == nil || *index.Id != "native") && (!isLiteral || field.Value != "native") {
		return "", false
	}
	if std, ok := index.Target.(*ast.Var); !ok || (std.Id != "std" && std.Id != "$std") {
		return "", false
	}
	literal, ok := apply.Arguments.Positional[0].Expr.(*ast.LiteralString)
	if !ok {
		return "", false
	}
	return literal.Value, true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func main() {
	js.Global().Set("doppioJsonnetEvaluate", js.FuncOf(func(this js.Value, args []js.Value) (result interface{}) {
		defer func() {
			if r := recover(); r != nil {
				out, _ := json.Marshal(response{Calls: []call{}, Imports: []string{}, Error: fmt.Sprint("go-jsonnet panicked: ", r)})
				result = string(out)
			}
		}()
		var req request
		if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
			panic(err)
		}
		out, err := json.Marshal(evaluate(req, args[1]))
		if err != nil {
			panic(err)
		}
		return string(out)
	}))
	select {}
}
