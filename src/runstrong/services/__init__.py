"""Use cases. Each public function is one unit of work over a :class:`runstrong.store.Store`."""
