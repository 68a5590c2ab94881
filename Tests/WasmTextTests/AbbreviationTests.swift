import Testing
@testable import WasmText

/// Every text abbreviation compiles to the same bytes as the form it abbreviates.
struct AbbreviationTests {
    private func same(_ short: String, _ long: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let a = try parseWAT(short)
        let b = try parseWAT(long)
        #expect(a == b, "\(short)  vs  \(long)", sourceLocation: sourceLocation)
    }

    @Test func inlineExportEqualsExportField() throws {
        try same(#"(func (export "f") (export "g"))"#, #"(func) (export "f" (func 0)) (export "g" (func 0))"#)
        try same(#"(memory (export "m") 1)"#, #"(memory 1) (export "m" (memory 0))"#)
        try same(#"(global (export "g") i32 (i32.const 0))"#, #"(global i32 (i32.const 0)) (export "g" (global 0))"#)
        try same(#"(table (export "t") 1 funcref)"#, #"(table 1 funcref) (export "t" (table 0))"#)
        try same(#"(tag (export "e"))"#, #"(tag) (export "e" (tag 0))"#)
    }

    @Test func inlineImportEqualsImportField() throws {
        try same(#"(func (import "m" "f") (param i32))"#, #"(import "m" "f" (func (param i32)))"#)
        try same(#"(memory (import "m" "mem") 1 2 shared)"#, #"(import "m" "mem" (memory 1 2 shared))"#)
        try same(#"(global (import "m" "g") (mut f32))"#, #"(import "m" "g" (global (mut f32)))"#)
        try same(#"(table (import "m" "t") 1 funcref)"#, #"(import "m" "t" (table 1 funcref))"#)
        try same(#"(tag (import "m" "e") (param i64))"#, #"(import "m" "e" (tag (param i64)))"#)
    }

    @Test func foldedInstructionsEqualFlatOnes() throws {
        try same("(func (result i32) (i32.add (i32.const 1) (i32.const 2)))", "(func (result i32) i32.const 1 i32.const 2 i32.add)")
        try same(
            "(func (param i32) (if (local.get 0) (then (nop)) (else (unreachable))))",
            "(func (param i32) local.get 0 if nop else unreachable end)")
        try same("(func (block $l (br $l)))", "(func block $l br 0 end)")
        try same("(func (loop (result i32) (i32.const 1)) drop)", "(func loop (result i32) i32.const 1 end drop)")
        try same(
            "(tag $e) (func (try_table (catch $e 0) (throw $e)))",
            "(tag $e) (func try_table (catch $e 0) throw $e end)")
        try same(
            "(tag $e) (func (try (do (throw $e)) (catch $e) (catch_all)))",
            "(tag $e) (func try throw $e catch $e catch_all end)")
    }

    @Test func inlineTypeUseEqualsExplicitType() throws {
        try same("(type (func (param i32))) (func (param i32))", "(type (func (param i32))) (func (type 0))")
        try same("(func (param i32) (result i64) unreachable)", "(type (func (param i32) (result i64))) (func (type 0) unreachable)")
        try same("(func (param i32 i32))", "(func (param i32) (param i32))")
        try same("(func (param $a i32) (param $b i32))", "(func (param $a i32) (param $b i32))")
    }

    @Test func blockTypesWithParametersUseTypeIndices() throws {
        try same(
            "(func (i32.const 0) (block (param i32) (drop)))",
            "(type (func)) (type (func (param i32))) (func (type 0) (i32.const 0) (block (type 1) (drop)))")
    }

    @Test func referenceTypeShorthands() throws {
        try same("(global funcref (ref.null func))", "(global (ref null func) (ref.null func))")
        try same("(global externref (ref.null extern))", "(global (ref null extern) (ref.null extern))")
        try same("(table 0 anyref)", "(table 0 (ref null any))")
    }

    @Test func tableWithInlineElementsEqualsTableAndSegment() throws {
        try same(
            "(table funcref (elem $f $f)) (func $f)",
            "(table 2 2 funcref) (elem (table 0) (i32.const 0) func $f $f) (func $f)")
    }

    @Test func memoryWithInlineDataEqualsMemoryAndSegment() throws {
        try same(#"(memory (data "ab" "c"))"#, #"(memory 1 1) (data (i32.const 0) "abc")"#)
        try same(#"(memory i64 (data "x"))"#, #"(memory i64 1 1) (data (i64.const 0) "x")"#)
    }

    @Test func offsetAbbreviations() throws {
        try same(#"(memory 1) (data (i32.const 1) "a")"#, #"(memory 1) (data (memory 0) (offset (i32.const 1)) "a")"#)
        try same("(table 1 funcref) (func) (elem (i32.const 0) 0)", "(table 1 funcref) (func) (elem (offset (i32.const 0)) func 0)")
    }

    @Test func bareModuleFieldsEqualModule() throws {
        try same("(func)", "(module (func))")
    }
}
