// `sconce resave IN.pt OUT.pt`: reads a torch.save file and writes it back with Sconce's
// own writer — the round trip that proves both directions of the format (and converts
// legacy-format files to the zip format).
#include "serialization/archive.h"
#include "serialization/archive_writer.h"
#include "tools/sconce/commands.h"

namespace sconce::cli {
namespace {

int runResave(const std::string& in, const std::string& out) {
  auto archive = Archive::open(in);
  SCONCE_CHECK(UnsupportedError, archive->kind() != Archive::Kind::TorchScript,
               "'{}' is a TorchScript archive; resave handles torch.save files", in);
  saveTorchSave(out, archive->loadData());
  return 0;
}

}  // namespace

void registerResave(CLI::App& app, std::function<int()>& action) {
  auto* cmd = app.add_subcommand(
      "resave", "Read a torch.save file and write it back with Sconce's writer (zip format)");
  auto in = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("input", *in, "a torch.save file (zip or legacy format)")->required();
  cmd->add_option("output", *out, "where to write the torch.save zip file")->required();
  cmd->callback([&action, in, out] { action = [in, out] { return runResave(*in, *out); }; });
}

}  // namespace sconce::cli
