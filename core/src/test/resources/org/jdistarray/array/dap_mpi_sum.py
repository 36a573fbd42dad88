"""mpirun -np P python3 dap_mpi_sum.py DIR: each MPI rank maps JDistArray's block of its rank (no copy) through
jdistarray_dap, checks the protocol dictionary, and the ranks sum the distributed array with mpi4py."""
import sys

import numpy as np
from mpi4py import MPI

import jdistarray_dap as dap

comm = MPI.COMM_WORLD
blk = dap.load_rank(sys.argv[1], comm.rank)
dist = blk.__distarray__()
assert isinstance(dist["dim_data"], tuple) and dist["__version__"] == "0.10.0"
assert all(dd["proc_grid_size"] == 1 or dd["dist_type"] in "bcu" for dd in dist["dim_data"])
local = float(np.asarray(dist["buffer"], dtype=np.float64).sum())
total = comm.allreduce(local, op=MPI.SUM)
size = int(np.prod([dd["size"] for dd in dist["dim_data"]]))
if comm.rank == 0:
    print("MPI4PY-SUM ranks=%d size=%d sum=%r" % (comm.size, size, total), flush=True)
