// Only the ECharts parts the console draws (tree-shaken); this module is its own lazily loaded chunk.
import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, TitleComponent, AriaComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, GridComponent, TooltipComponent, TitleComponent, AriaComponent, CanvasRenderer])

export default echarts
