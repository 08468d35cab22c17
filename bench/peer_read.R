# Peer for bench/import.sh: read a CSV with data.table::fread (2 threads), as an R user would.
#   Rscript peer_read.R FILE.csv
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
setDTthreads(as.integer(Sys.getenv("OMP_NUM_THREADS", "2")))
took <- system.time(dt <- fread(args[1], showProgress = FALSE))[["elapsed"]]
cat(sprintf("data.table %s: %d rows x %d columns, fread %.3f s (%d threads)\n",
            as.character(packageVersion("data.table")), nrow(dt), ncol(dt), took, getDTthreads()))
