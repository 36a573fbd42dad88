"""Read and write JDistArray's shared-memory protocol exports (Distributed Array Protocol 0.10.0).

Pure Python + NumPy, no build step. A JDistArray rank writes ``<dir>/dap-rank<r>.json``::

    {"__distarray__": {"__version__": "0.10.0", "buffer": {"dtype": "<f8", "shape": [5]},
                       "dim_data": [{"dist_type": "b", "size": 10, ...}]},
     "shm": {"path": "/dev/shm/jdistarray-...", "offset": 0, "nbytes": 40, "readonly": false,
             "pid": 123, "rank": 0, "nranks": 2}}

``load(path)`` maps the block (no copy) and returns an object whose ``__distarray__()`` is the protocol
dictionary of protocol.md: ``buffer`` a NumPy view of the shared memory (a PEP 3118 object), ``dim_data`` a
tuple of dicts, ``padding`` a tuple, ``indices`` an integer ndarray, DistArray's ``'n'`` written as ``'b'``.
``export(array, dim_data, dir)`` does the reverse for a block of this process (see ``empty``).
"""

import atexit
import json
import mmap
import os
import re
import secrets

import numpy as np

__all__ = ["load", "load_rank", "empty", "export", "to_json", "validate_json", "sweep_stale", "SharedBlock", "Export",
           "InvalidDescriptor"]

VERSION = "0.10.0"
SHM_DIR = os.environ.get("JDISTARRAY_SHM_DIR", "/dev/shm")
_NAME = re.compile(r"jdistarray-(?:py-)?(\d+)-[A-Za-z0-9_.-]+$")
_OWNED = []


def descriptor_file(directory, rank):
    """The descriptor file of ``rank`` in ``directory``."""
    return os.path.join(directory, "dap-rank%d.json" % rank)


def _dim_dict(d, extent):
    """One JSON dimension dictionary as protocol.md writes it (tuples, ndarrays, 'n' as 'b')."""
    if not d:
        return {}
    out = dict(d)
    if out.get("dist_type") == "n":  # DistArray 0.5's undistributed axis: the protocol spells it as a block
        out.update(dist_type="b", proc_grid_rank=0, proc_grid_size=1, start=0, stop=out["size"])
    if "padding" in out:
        out["padding"] = tuple(out["padding"])
    if "indices" in out:
        out["indices"] = np.asarray(out["indices"], dtype=np.int64)
    return out


class InvalidDescriptor(ValueError):
    """A descriptor file that breaks the protocol or does not say where its block is; ``violations`` lists why."""

    def __init__(self, path, violations):
        super().__init__("%s: invalid descriptor: %s" % (path, "; ".join(violations)))
        self.violations = violations


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def validate_json(doc):
    """The violations (strings) of a descriptor file's JSON: the protocol rules of the reference validator
    (protocol.md 4.2) on ``__distarray__`` in its JSON form, and the ``shm`` location. Empty if valid."""
    v = []
    if not isinstance(doc, dict):
        return ["the descriptor is not a JSON object"]
    dist, shm = doc.get("__distarray__"), doc.get("shm")
    if not isinstance(dist, dict):
        v.append("__distarray__: missing or not an object")
    else:
        extra = set(dist) - {"__version__", "buffer", "dim_data"}
        missing = {"__version__", "buffer", "dim_data"} - set(dist)
        if extra:
            v.append("__distarray__: extra keys %s" % sorted(extra))
        if missing:
            v.append("__distarray__: missing keys %s" % sorted(missing))
        ver = dist.get("__version__")
        if "__version__" in dist and (not isinstance(ver, str) or ver not in ("0.10.0", "0.10")):
            v.append("__version__: %r is not a supported version (0.10.0)" % (ver,))
        buf = dist.get("buffer")
        shape = None
        if "buffer" in dist:
            if not isinstance(buf, dict) or not isinstance(buf.get("dtype"), str) \
                    or not isinstance(buf.get("shape"), list) or not all(_is_int(n) and n >= 0 for n in buf["shape"]):
                v.append("buffer: needs 'dtype' (a NumPy type string) and 'shape' (ints >= 0)")
            else:
                shape = buf["shape"]
                try:
                    np.dtype(buf["dtype"])
                except TypeError:
                    v.append("buffer.dtype: %r is not a NumPy type string" % buf["dtype"])
        dims = dist.get("dim_data")
        if "dim_data" in dist:
            if not isinstance(dims, list):
                v.append("dim_data: not a list")
            else:
                if shape is not None and len(dims) != len(shape):
                    v.append("dim_data: %d dimension dictionaries for a %d-d buffer" % (len(dims), len(shape)))
                for i, dd in enumerate(dims):
                    v.extend("dim_data[%d].%s" % (i, m) for m in _dim_violations(dd))
    if not isinstance(shm, dict):
        v.append("shm: missing or not an object (where is the buffer?)")
    else:
        if not isinstance(shm.get("path"), str):
            v.append("shm.path: missing or not a string")
        for k in ("offset", "nbytes"):
            if not _is_int(shm.get(k)) or shm[k] < 0:
                v.append("shm.%s: missing or not an integer >= 0" % k)
        if "readonly" in shm and not isinstance(shm["readonly"], bool):
            v.append("shm.readonly: not a boolean")
    return v


def _dim_violations(dd):
    if not isinstance(dd, dict):
        return ["(dict): not a dictionary"]
    if not dd:
        return []
    out = []
    t = dd.get("dist_type")
    if t not in ("b", "c", "u"):  # DistArray's 'n' is not a protocol type: exporters write it as 'b'
        return ["dist_type: %r is not 'b', 'c' or 'u'" % (t,)]
    for k in ("size", "proc_grid_rank", "proc_grid_size"):
        if not _is_int(dd.get(k)):
            out.append("%s: missing or not an int" % k)
    if out:
        return out
    if dd["size"] < 0:
        out.append("size: negative")
    if dd["proc_grid_size"] < 1:
        out.append("proc_grid_size: must be >= 1")
    if not 0 <= dd["proc_grid_rank"] < dd["proc_grid_size"]:
        out.append("proc_grid_rank: outside [0, proc_grid_size)")
    if t == "b":
        if not _is_int(dd.get("start")) or not _is_int(dd.get("stop")):
            return out + ["start/stop: missing or not ints"]
        if not 0 <= dd["start"] <= dd["stop"] <= dd["size"]:
            out.append("start/stop: need 0 <= start <= stop <= size")
        pad = dd.get("padding", [0, 0])
        if not isinstance(pad, (list, tuple)) or len(pad) != 2 or not all(_is_int(p) and p >= 0 for p in pad):
            out.append("padding: not a pair of ints >= 0")
    elif t == "c":
        b = dd.get("block_size", 1)
        if not _is_int(dd.get("start")):
            out.append("start: missing or not an int")
        elif not _is_int(b) or b < 1:
            out.append("block_size: must be an int >= 1")
        elif dd["start"] != dd["proc_grid_rank"] * b:
            out.append("start: must be proc_grid_rank * block_size")
    elif t == "u":
        idx = dd.get("indices")
        if not isinstance(idx, list) or not all(_is_int(g) for g in idx):
            out.append("indices: missing or not a list of ints")
        elif len(set(idx)) != len(idx):
            out.append("indices: not unique")
        if "one_to_one" in dd and not isinstance(dd["one_to_one"], bool):
            out.append("one_to_one: not a bool")
    return out


class SharedBlock:
    """One rank's block of an exported array, mapped with no copy. ``array`` is the NumPy view."""

    def __init__(self, descriptor, path=None):
        problems = validate_json(descriptor)
        if problems:
            raise InvalidDescriptor(path, problems)
        dist = descriptor["__distarray__"]
        shm = descriptor["shm"]
        buf = dist["buffer"]
        shape = tuple(int(n) for n in buf["shape"])
        dtype = np.dtype(buf["dtype"])
        nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        if int(shm["nbytes"]) != nbytes:
            raise InvalidDescriptor(path, ["shm.nbytes: %d, but the buffer %s %s needs %d"
                                           % (shm["nbytes"], buf["dtype"], shape, nbytes)])
        for i, dd in enumerate(dist["dim_data"]):
            if dd and dd.get("dist_type") in ("b", "n") and "stop" in dd and dd["stop"] - dd["start"] != shape[i]:
                raise InvalidDescriptor(path, ["dim_data[%d]: stop - start != buffer.shape[%d]" % (i, i)])
        try:
            have = os.stat(shm["path"]).st_size
        except OSError as e:
            raise InvalidDescriptor(path, ["shm.path: %s" % e]) from None
        if have < int(shm["offset"]) + nbytes:
            raise InvalidDescriptor(path, ["shm.path: %s holds %d bytes, the block needs %d at offset %d"
                                           % (shm["path"], have, nbytes, shm["offset"])])
        self.path = path
        self.segment = shm["path"]
        self.readonly = bool(shm.get("readonly", False))
        self.pid = shm.get("pid")
        self.rank = shm.get("rank")
        self.version = dist["__version__"]
        self.dim_data = tuple(_dim_dict(d, shape[i] if i < len(shape) else 0)
                              for i, d in enumerate(dist["dim_data"]))
        if nbytes == 0:
            self.array = np.empty(shape, dtype=dtype)
            if self.readonly:
                self.array.flags.writeable = False
        else:
            self.array = np.memmap(self.segment, dtype=dtype, mode="r" if self.readonly else "r+",
                                   offset=int(shm.get("offset", 0)), shape=shape, order="C")

    def __distarray__(self):
        return {"__version__": self.version, "buffer": self.array, "dim_data": self.dim_data}

    def flush(self):
        if isinstance(self.array, np.memmap) and not self.readonly:
            self.array.flush()


def load(path):
    """Maps the block described by the descriptor file ``path`` (no copy) after validating it.

    Raises ``InvalidDescriptor`` (a ValueError, with ``violations``) for a broken descriptor or bad JSON."""
    with open(path, "r", encoding="utf-8") as f:
        try:
            doc = json.load(f)
        except ValueError as e:
            raise InvalidDescriptor(path, ["not JSON: %s" % e]) from None
    return SharedBlock(doc, path)


def load_rank(directory, rank):
    """``load`` of ``<directory>/dap-rank<rank>.json``."""
    return load(descriptor_file(directory, rank))


def to_json(dist):
    """The JSON form (protocol.md section 7) of a ``__distarray__()`` dictionary, as JDistArray's validator reads it."""
    buf = memoryview(dist["buffer"])
    dims = []
    for d in dist["dim_data"]:
        j = {}
        for k, v in d.items():
            if isinstance(v, tuple):
                v = list(v)
            elif isinstance(v, np.ndarray):
                v = v.tolist()
            elif isinstance(v, np.integer):
                v = int(v)
            j[k] = v
        dims.append(j)
    arr = np.asarray(dist["buffer"])
    return {"__version__": dist["__version__"],
            "buffer": {"dtype": arr.dtype.str, "shape": list(buf.shape)},
            "dim_data": dims}


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(directory=SHM_DIR):
    """Removes this user's ``jdistarray-*`` segments whose creating process is dead; returns how many."""
    removed = 0
    try:
        names = os.listdir(directory)
    except OSError:
        return 0
    for name in names:
        m = _NAME.match(name)
        if not m:
            continue
        pid = int(m.group(1))
        if pid == os.getpid() or _alive(pid):
            continue
        p = os.path.join(directory, name)
        try:
            if os.stat(p).st_uid == os.getuid():
                os.unlink(p)
                removed += 1
        except OSError:
            pass
    return removed


class Export:
    """A block of this process in shared memory: ``array`` (an np.memmap), unlinked by ``close()`` or at exit."""

    def __init__(self, shape, dtype):
        sweep_stale()
        self.shape = tuple(int(n) for n in shape)
        self.dtype = np.dtype(dtype)
        self.nbytes = int(np.prod(self.shape, dtype=np.int64)) * self.dtype.itemsize
        self.segment = os.path.join(SHM_DIR, "jdistarray-py-%d-%s.shm" % (os.getpid(), secrets.token_hex(6)))
        fd = os.open(self.segment, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.ftruncate(fd, max(self.nbytes, 64))
        finally:
            os.close(fd)
        self.array = np.memmap(self.segment, dtype=self.dtype, mode="r+", shape=self.shape, order="C") \
            if self.nbytes else np.empty(self.shape, dtype=self.dtype)
        self.descriptors = []
        self.closed = False
        _OWNED.append(self)

    def write_descriptor(self, dim_data, directory, rank, nranks, readonly=False):
        """Writes ``<directory>/dap-rank<rank>.json`` (mode 0600, atomically); returns its path."""
        dims = to_json({"__version__": VERSION, "buffer": self.array,
                        "dim_data": tuple(_dim_dict(d, 0) for d in dim_data)})["dim_data"]  # 'n' written as 'b'
        doc = {"__distarray__": {"__version__": VERSION,
                                 "buffer": {"dtype": self.dtype.str, "shape": list(self.shape)},
                                 "dim_data": dims},
               "shm": {"path": self.segment, "offset": 0, "nbytes": self.nbytes, "readonly": bool(readonly),
                       "pid": os.getpid(), "rank": rank, "nranks": nranks}}
        problems = validate_json(doc)
        if problems:
            raise InvalidDescriptor(descriptor_file(directory, rank), problems)
        os.makedirs(directory, exist_ok=True)
        path = descriptor_file(directory, rank)
        tmp = path + ".%d.tmp" % os.getpid()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f)
            f.write("\n")
        os.replace(tmp, path)
        self.descriptors.append(path)
        return path

    def __distarray__(self):
        raise TypeError("an Export's dim_data is known after write_descriptor; load() the descriptor file")

    def close(self):
        """Returns the block's pages to the system and unlinks the segment and the descriptors (idempotent).
        Existing views stay valid (never a fault) and read zeros."""
        if self.closed:
            return
        self.closed = True
        mm = getattr(self.array, "_mmap", None)
        if mm is not None and hasattr(mm, "madvise") and hasattr(mmap, "MADV_REMOVE"):
            try:  # return the pages now: every mapping (Java's importers too) reads zeros from here on
                mm.madvise(mmap.MADV_REMOVE)
            except (OSError, ValueError):
                pass
        for p in self.descriptors + [self.segment]:
            try:
                os.unlink(p)
            except FileNotFoundError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def empty(shape, dtype=np.float64):
    """A new zero-filled block in shared memory owned by this process (an ``Export``; fill ``.array``)."""
    return Export(shape, dtype)


def export(array, dim_data, directory, rank, nranks, readonly=False):
    """Copies ``array`` into a new shared block once and writes its descriptor; returns the ``Export``."""
    array = np.ascontiguousarray(array)
    e = Export(array.shape, array.dtype)
    e.array[...] = array
    e.write_descriptor(dim_data, directory, rank, nranks, readonly)
    return e


@atexit.register
def _unlink_at_exit():
    for e in list(_OWNED):
        e.close()


def _main(argv):
    """``python3 jdistarray_dap.py json FILE...`` prints each descriptor's ``__distarray__()`` in JSON form (one
    object, or an array for several files: ``bin/jdistarray validate`` reads both); ``sweep`` removes stale
    segments of dead processes."""
    if len(argv) >= 2 and argv[0] == "json":
        docs = [to_json(load(p).__distarray__()) for p in argv[1:]]
        print(json.dumps(docs[0] if len(docs) == 1 else docs))
        return 0
    if argv == ["sweep"]:
        print(sweep_stale())
        return 0
    print("usage: jdistarray_dap.py json DESCRIPTOR... | sweep", file=sys.stderr)
    return 2


if __name__ == "__main__":
    import sys
    sys.exit(_main(sys.argv[1:]))
