// The library in one import: `import SahelMap` gives map specs, themes, data sources, composition and output.
@_exported import Formats
@_exported import Geometry
@_exported import Layers
@_exported import Render
@_exported import Style
