//===- RemoteIndexStub.cpp - No remote index ------------------------------===//
//
/// \file
/// Debian builds libclangdMain.a with remote-index support, which would
/// pull in gRPC and protobuf. pyrefleak-clangd provides instead what
/// clangd's own index/remote/unimplemented/UnimplementedClient.cpp does when
/// that support is off: --remote-index-address connects to nothing.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>

namespace clang::clangd {
class SymbolIndex; // clangd's headers are not installed.
namespace remote {
/// clangd's `std::unique_ptr<SymbolIndex> getClient(StringRef, StringRef)`.
/// SymbolIndex is incomplete here, so the result's deleter is one that
/// needs no definition: the return type is not part of the mangled name,
/// and a unique_ptr with an empty deleter has the same layout and is
/// returned the same way. The pointer returned is always null.
struct NeverDeleted {
  void operator()(SymbolIndex *) const {}
};
std::unique_ptr<SymbolIndex, NeverDeleted> getClient(llvm::StringRef Address,
                                                     llvm::StringRef IndexRoot);

std::unique_ptr<SymbolIndex, NeverDeleted> getClient(llvm::StringRef Address,
                                                     llvm::StringRef) {
  llvm::errs() << "pyrefleak-clangd: no remote index support; ignoring "
                  "--remote-index-address="
               << Address << "\n";
  return nullptr;
}
} // namespace remote
} // namespace clang::clangd
