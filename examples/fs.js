// The `fs` module: Node-style callbacks and `fs.promises`, over real files under `--fs-root`
// (default: the current directory). Run it from the repository root:
//   tickscope run examples/fs.js
const fs = require("fs");

// Node's convention: callback(null, text) on success...
fs.readFile("examples/data/greeting.txt", "utf8", (err, text) => {
  if (err) {
    console.error("could not read the greeting:", err.message);
    return;
  }
  console.log("greeting.txt says:", text.trim());
});

// ...and callback(err) on failure, err.code telling why.
fs.readFile("examples/data/no-such-file.txt", "utf8", (err, text) => {
  console.log(err.message);
  console.log("err.code is", err.code, "and text is", text);
});

// Each callback runs in a task of its own (fs.readFile.settle), so this script and its
// microtasks finish first.
Promise.resolve().then(() => console.log("microtasks run before any file callback"));

// A path that leaves the root is refused before anything is read.
fs.promises
  .readFile("../outside-the-root.txt", "utf8")
  .catch((err) => console.log(err.message));

(async () => {
  const names = await fs.promises.readdir("examples/data");
  console.log("examples/data holds", names);
})();

console.log("the script itself ends here");
