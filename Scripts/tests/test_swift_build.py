"""Scripts/swift-build.sh: exits with swift build's status, whatever the warning filter does."""
import os
import subprocess


def run_with_fake_swift(root, tmp_path, output, status):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "swift"
    fake.write_text(f"#!/bin/sh\necho \"$@\" > {tmp_path}/args\nprintf '{output}'\nexit {status}\n")
    fake.chmod(0o755)
    env = os.environ | {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    r = subprocess.run(["bash", str(root / "Scripts/swift-build.sh"), "--build-tests"], env=env,
                       capture_output=True, text=True)
    return r, (tmp_path / "args").read_text()


PTHREAD = "warning: prohibited flag(s): -pthread\\n"


def test_a_failed_build_fails(root, tmp_path):
    r, args = run_with_fake_swift(root, tmp_path, PTHREAD + "error: expected expression\\n", 1)
    assert r.returncode == 1
    assert args == "build --build-tests\n"
    assert r.stdout == "error: expected expression\n"


def test_the_pthread_warning_is_dropped_even_when_it_is_all_there_is(root, tmp_path):
    r, _ = run_with_fake_swift(root, tmp_path, PTHREAD, 0)
    assert r.returncode == 0 and r.stdout == ""
    (tmp_path / "again").mkdir()
    r2, _ = run_with_fake_swift(root, tmp_path / "again", PTHREAD + "Build complete!\\n", 0)
    assert r2.returncode == 0 and r2.stdout == "Build complete!\n"
