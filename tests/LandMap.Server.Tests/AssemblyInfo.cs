// WebApplicationFactory finds its host by listening to every host being built in the process, so a
// browser test building the real server at the same time could be taken for it: run classes one by one.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
