"""Wire models, one module per context. They are not rows: services return views, routers
map them here explicitly."""
