"""Starting things right: a new record (`new`), a new records repository (`init`)."""
