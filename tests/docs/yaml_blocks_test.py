#!/usr/bin/env python3
"""The Kubernetes recipe of docs/batch.md stays what Kubernetes accepts, as far as can be told
without a cluster: every ```yaml block parses, each object has what its kind needs (a Job: a
pod template with containers, restartPolicy Never for a podFailurePolicy, FailIndex only with
backoffLimitPerIndex, rules on containers that exist; mounts of volumes that exist, claims of
volumes the recipe makes), and the Job agrees with vanban: the exit code it treats as "some
records failed" is the batch's (include/vanban/batch.hpp), it never fails the whole Job on an
exit code that a retry can mend (8, 137), and the shard count in the command is `completions`.

    yaml_blocks_test.py docs/batch.md generator/include/vanban/batch.hpp

Exit code 77 (skipped) when python3-yaml is not installed (scripts/install-deps --test
installs it).
"""
import re
import sys
import textwrap

try:
    import yaml
except ImportError:
    print("SKIP: python3-yaml is not installed (scripts/install-deps --test installs it)")
    sys.exit(77)

ACTIONS = {"FailJob", "FailIndex", "Ignore", "Count"}
problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def yaml_blocks(markdown):
    """(line number, text) of every ```yaml block, dedented as the list item it sits in."""
    blocks, lines = [], markdown.split("\n")
    i = 0
    while i < len(lines):
        fence = re.match(r"^(\s*)```yaml\s*$", lines[i])
        if not fence:
            i += 1
            continue
        indent, start, body = fence.group(1), i + 1, []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i])
            i += 1
        if i == len(lines):
            problem(f"line {start}", "a ```yaml block that never ends")
        blocks.append((start, textwrap.dedent("\n".join(body)), len(indent)))
        i += 1
    return blocks


def check_volumes(where, pod_spec, claims, extra_volumes=()):
    volumes = {v.get("name"): v for v in pod_spec.get("volumes", [])}
    volumes.update({name: {} for name in extra_volumes})
    for volume in pod_spec.get("volumes", []):
        claim = volume.get("persistentVolumeClaim", {}).get("claimName")
        if claim is not None and claim not in claims:
            problem(where, f"volume {volume.get('name')} claims {claim}, which the recipe does not make")
    for container in pod_spec.get("containers", []) + pod_spec.get("initContainers", []):
        for mount in container.get("volumeMounts", []):
            if mount.get("name") not in volumes:
                problem(where, f"container {container.get('name')} mounts {mount.get('name')}, which is not a volume")
            if not str(mount.get("mountPath", "")).startswith("/"):
                problem(where, f"container {container.get('name')}: a mountPath must be absolute")


def check_containers(where, pod_spec):
    containers = pod_spec.get("containers")
    if not isinstance(containers, list) or not containers:
        problem(where, "a pod needs containers")
        return set()
    names = set()
    for container in containers + pod_spec.get("initContainers", []):
        if not container.get("name") or not container.get("image"):
            problem(where, f"a container needs a name and an image: {container}")
        names.add(container.get("name"))
    return names


def shard_count_in(pod_spec):
    for container in pod_spec.get("containers", []):
        words = " ".join(str(w) for w in container.get("command", []) + container.get("args", []))
        found = re.search(r"--shard \"?\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)/(\d+)", words)
        if found:
            return int(found.group(1))
    return None


def check_job(where, job, claims, some_failed):
    spec = job.get("spec", {})
    pod_spec = spec.get("template", {}).get("spec", {})
    names = check_containers(where, pod_spec)
    check_volumes(where, pod_spec, claims)
    restart = pod_spec.get("restartPolicy")
    if restart not in ("Never", "OnFailure"):
        problem(where, "a Job's pods need restartPolicy Never or OnFailure")
    indexed = spec.get("completionMode") == "Indexed"
    if "backoffLimitPerIndex" in spec and not indexed:
        problem(where, "backoffLimitPerIndex needs completionMode: Indexed")
    if indexed and not isinstance(spec.get("completions"), int):
        problem(where, "an Indexed Job needs completions (a number)")
    shards = shard_count_in(pod_spec)
    if shards is not None and shards != spec.get("completions"):
        problem(where, f"the command says --shard …/{shards}, but completions is {spec.get('completions')}")
    policy = spec.get("podFailurePolicy")
    if policy is None:
        return
    if restart != "Never":
        problem(where, "a podFailurePolicy needs restartPolicy: Never")
    for rule in policy.get("rules", []):
        action = rule.get("action")
        if action not in ACTIONS:
            problem(where, f"unknown podFailurePolicy action {action}")
        if ("onExitCodes" in rule) == ("onPodConditions" in rule):
            problem(where, f"a rule takes onExitCodes or onPodConditions, one of them: {rule}")
        if action == "FailIndex" and "backoffLimitPerIndex" not in spec:
            problem(where, "the FailIndex action needs backoffLimitPerIndex")
        codes = rule.get("onExitCodes")
        if codes is None:
            continue
        if codes.get("containerName") not in names:
            problem(where, f"a rule names container {codes.get('containerName')}, which the pod does not have")
        if codes.get("operator") not in ("In", "NotIn"):
            problem(where, "onExitCodes.operator is In or NotIn")
        values = codes.get("values", [])
        if not values or not all(isinstance(v, int) for v in values) or (codes.get("operator") == "In" and 0 in values):
            problem(where, f"onExitCodes.values must be exit codes, 0 not among them for In: {values}")
        if action == "FailIndex" and indexed and values != [some_failed]:
            problem(where, f"FailIndex is for vanban batch's 'some records failed', exit code {some_failed}: {values}")
        if action == "FailJob" and set(values) & {8, some_failed, 130, 137}:
            problem(where, f"FailJob on an exit code that a retry mends or that is handled: {values}")


def main():
    markdown_path, header_path = sys.argv[1], sys.argv[2]
    with open(header_path, encoding="utf-8") as header:
        some_failed = int(re.search(r"kExitSomeRecordsFailed = (\d+);", header.read()).group(1))
    with open(markdown_path, encoding="utf-8") as markdown:
        blocks = yaml_blocks(markdown.read())
    documents = []
    for line, text, _ in blocks:
        try:
            for document in yaml.safe_load_all(text):
                documents.append((f"{markdown_path}:{line}", document))
        except yaml.YAMLError as error:
            problem(f"{markdown_path}:{line}", f"not YAML: {error}")
    claims = {d["metadata"]["name"] for _, d in documents
              if isinstance(d, dict) and d.get("kind") == "PersistentVolumeClaim"}
    jobs = 0
    for where, document in documents:
        if not isinstance(document, dict):
            problem(where, "a block must hold objects")
            continue
        kind = document.get("kind")
        if kind is None:  # a part of a pod template (the init container that fills an emptyDir)
            check_volumes(where, {"containers": [], **document}, claims)
            continue
        if not document.get("apiVersion") or not document.get("metadata", {}).get("name"):
            problem(where, f"a {kind} needs apiVersion and metadata.name")
        if kind == "Job":
            jobs += 1
            if document.get("apiVersion") != "batch/v1":
                problem(where, "a Job is batch/v1")
            check_job(where, document, claims, some_failed)
        elif kind == "Pod":
            check_containers(where, document.get("spec", {}))
            check_volumes(where, document.get("spec", {}), claims)
        elif kind == "PersistentVolumeClaim":
            if not document.get("spec", {}).get("accessModes"):
                problem(where, "a PersistentVolumeClaim needs accessModes")
    if not jobs:
        problem(markdown_path, "no Job in the recipe")
    for line in problems:
        print("FAILED:", line)
    if problems:
        return 1
    print(f"{len(blocks)} YAML blocks, {len(documents)} objects ({jobs} Jobs): valid, and the Jobs agree with vanban batch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
