from werkplein.cli import main

raise SystemExit(main())
