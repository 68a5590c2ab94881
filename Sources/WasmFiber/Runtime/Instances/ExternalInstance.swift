/// One of the store's objects that a module can import or export (the specification's
/// *external address*), as instances hold them.
///
/// `ModuleInstance.exports` keeps these rather than ``ExternalValue``s: the public handles
/// hold their engine strongly, and an engine that owns instances holding handles to itself
/// would never be freed.
enum ExternalInstance {
    case function(FunctionInstance)
    case table(TableInstance)
    case memory(LinearMemory)
    case global(GlobalInstance)
    case tag(TagInstance)
}
