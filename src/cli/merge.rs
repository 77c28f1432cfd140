//! `medfund merge`: the shards of a sharded run (or of a sharded stress
//! grid) put together into the folder one unsharded run writes.

/// Put the shards of a sharded run (`simulate --shard I/N`) together and
/// write the run folder, the same files, byte for byte, as one
/// `simulate` of the whole run. Missing, duplicated or foreign shards
/// are refused with exit status 2 and nothing is written.
///
/// Example:
///
///   for i in 0 1 2; do medfund simulate --scenario luzhou --paths 300 --shard $i/3 --out runs/lz; done
///   medfund merge runs/lz
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub merge: crate::shard::merge::MergeArgs,
}
